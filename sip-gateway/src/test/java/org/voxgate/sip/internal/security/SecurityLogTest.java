package org.voxgate.sip.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.event.Level;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;
import org.voxgate.sip.SecurityReason;

class SecurityLogTest {

    /** Collects formatted WARN lines. */
    static final class Lines extends AbstractLogger {
        final List<String> lines = new ArrayList<>();
        @Override protected String getFullyQualifiedCallerName() { return null; }
        @Override protected void handleNormalizedLoggingCall(Level level, Marker marker, String msg, Object[] args,
                                                             Throwable t) {
            lines.add(level + " " + MessageFormatter.arrayFormat(msg, args).getMessage());
        }
        @Override public boolean isTraceEnabled() { return true; }
        @Override public boolean isTraceEnabled(Marker m) { return true; }
        @Override public boolean isDebugEnabled() { return true; }
        @Override public boolean isDebugEnabled(Marker m) { return true; }
        @Override public boolean isInfoEnabled() { return true; }
        @Override public boolean isInfoEnabled(Marker m) { return true; }
        @Override public boolean isWarnEnabled() { return true; }
        @Override public boolean isWarnEnabled(Marker m) { return true; }
        @Override public boolean isErrorEnabled() { return true; }
        @Override public boolean isErrorEnabled(Marker m) { return true; }
    }

    @Test
    void floodIsCountedInFullButLoggedOncePerInterval() {
        AtomicLong now = new AtomicLong(1_000);
        Lines out = new Lines();
        SecurityLog log = new SecurityLog(now::get, out);
        for (int i = 0; i < 500; i++) {
            log.reject("192.0.2.7", SecurityReason.RATE_LIMITED, "INVITE");
        }
        assertThat(out.lines).hasSize(1);
        assertThat(out.lines.get(0)).isEqualTo(
                "WARN security reject source=192.0.2.7 reason=RATE_LIMITED count=1 new=1 detail=\"INVITE\"");
        now.addAndGet(SecurityLog.SUMMARY_INTERVAL_MS);
        log.reject("192.0.2.7", SecurityReason.RATE_LIMITED, "INVITE");
        assertThat(out.lines).hasSize(2);
        assertThat(out.lines.get(1)).contains("count=501 new=500");
        assertThat(log.count("192.0.2.7", SecurityReason.RATE_LIMITED)).isEqualTo(501);
        assertThat(log.totals().get(SecurityReason.RATE_LIMITED)).isEqualTo(501);
        assertThat(log.totals().get(SecurityReason.SCANNER)).isZero();
    }

    @Test
    void eachSourceAndReasonLogsItsFirstOccurrence() {
        Lines out = new Lines();
        SecurityLog log = new SecurityLog(() -> 0, out);
        log.reject("192.0.2.1", SecurityReason.UNKNOWN_SOURCE, "INVITE sip:100@x");
        log.reject("192.0.2.2", SecurityReason.UNKNOWN_SOURCE, "INVITE sip:100@x");
        log.reject("192.0.2.1", SecurityReason.SCANNER, "friendly-scanner");
        assertThat(out.lines).hasSize(3);
    }

    @Test
    void peerControlledDetailCannotForgeLogLines() {
        Lines out = new Lines();
        SecurityLog log = new SecurityLog(() -> 0, out);
        log.reject("192.0.2.1", SecurityReason.SCANNER, "sipvicious\r\nWARN fake line \"x\"" + "y".repeat(500));
        String line = out.lines.get(0);
        assertThat(line).doesNotContain("\n").doesNotContain("\r").contains("sipvicious??WARN fake line ?x?");
        assertThat(line.length()).isLessThan(300);
    }
}
