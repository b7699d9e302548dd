package org.voxgate.sip.internal.defence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.voxgate.sip.SecurityReason;
import org.voxgate.sip.SipDefenceConfig;
import org.voxgate.sip.internal.security.SecurityLog;
import org.voxgate.testing.FakeClock;

/** The defence's decisions on a fake clock: rate, bans, auth failures, scanners, sizes, overload. */
class DefenceTest {
    private final FakeClock clock = new FakeClock();
    private final Lines lines = new Lines();
    private final SecurityLog log = new SecurityLog(() -> clock.nanoTime() / 1_000_000, new Lines());
    private final AtomicReference<Double> load = new AtomicReference<>(0.0);

    /** Collects formatted log lines. */
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

    private Defence defence(SipDefenceConfig config) {
        return new Defence(config, log, load::get, clock, lines);
    }

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Inbound options(InetAddress from) {
        return new Inbound(from, "OPTIONS", "softphone/1.0", 30, 8, 400, false, false);
    }

    private static Inbound invite(InetAddress from) {
        return new Inbound(from, "INVITE", "softphone/1.0", 30, 10, 900, true, false);
    }

    private long total(SecurityReason r) {
        return log.totals().get(r);
    }

    @Test
    void pikeDefaultsSixteenPerTwoSecondsThenBanForFiveMinutes() {
        Defence d = defence(SipDefenceConfig.defaults());
        InetAddress a = ip("192.0.2.1");
        for (int i = 0; i < 16; i++) {
            assertThat(d.check(options(a))).as("request %d", i + 1).isEqualTo(Verdict.ACCEPT);
            clock.advanceMillis(100);
        }
        assertThat(d.check(options(a))).isEqualTo(Verdict.DROP);
        assertThat(total(SecurityReason.RATE_LIMITED)).isEqualTo(1);
        assertThat(d.banned(a)).isTrue();
        assertThat(d.bannedSources()).isEqualTo(1);
        assertThat(lines.lines).singleElement().asString().contains("security ban source=192.0.2.1",
                "reason=RATE_LIMITED", "seconds=300");

        clock.advanceMillis(10_000);
        assertThat(d.check(options(a))).isEqualTo(Verdict.DROP);
        assertThat(d.check(invite(a))).isEqualTo(Verdict.DROP);
        assertThat(total(SecurityReason.BANNED)).isEqualTo(2);
        assertThat(d.check(options(ip("192.0.2.2")))).as("another source").isEqualTo(Verdict.ACCEPT);

        clock.advance(291, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(d.banned(a)).as("300 s after the ban").isFalse();
        assertThat(d.bannedSources()).isZero();
        assertThat(d.check(options(a))).isEqualTo(Verdict.ACCEPT);
    }

    @Test
    void aSteadySevenPerSecondIsNeverBanned() {
        Defence d = defence(SipDefenceConfig.defaults());
        InetAddress a = ip("192.0.2.1");
        for (int i = 0; i < 200; i++) {
            assertThat(d.check(options(a))).as("request %d", i).isEqualTo(Verdict.ACCEPT);
            clock.advanceMillis(1000 / 7);
        }
    }

    @Test
    void requestsOfALiveCallCountAQuarterAndTrustedNetworksNothing() {
        Defence d = defence(SipDefenceConfig.defaults().withTrustedNetworks(List.of("10.0.0.0/8", "2001:db8::/32")));
        InetAddress caller = ip("192.0.2.1");
        for (int i = 0; i < 64; i++) {
            assertThat(d.check(new Inbound(caller, "INFO", null, 30, 9, 300, false, true))).as("INFO %d", i + 1)
                    .isEqualTo(Verdict.ACCEPT);
        }
        assertThat(d.check(new Inbound(caller, "INFO", null, 30, 9, 300, false, true)))
                .as("a flood on a known Call-ID is still banned").isEqualTo(Verdict.DROP);
        assertThat(total(SecurityReason.RATE_LIMITED)).isEqualTo(1);
        assertThat(d.unban(caller)).isTrue();
        clock.advanceMillis(5_000);
        for (String trusted : List.of("10.1.2.3", "2001:db8::5")) {
            for (int i = 0; i < 100; i++) {
                assertThat(d.check(options(ip(trusted)))).isEqualTo(Verdict.ACCEPT);
            }
            for (int i = 0; i < 10; i++) {
                assertThat(d.authFailed(ip(trusted))).isFalse();
            }
            assertThat(d.banned(ip(trusted))).isFalse();
        }
        assertThat(d.check(options(ip("11.0.0.1")))).isEqualTo(Verdict.ACCEPT);
        assertThat(log.totals().values().stream().mapToLong(Long::longValue).sum()).as("only the one RATE_LIMITED")
                .isEqualTo(1);
    }

    @Test
    void fiveFailedAuthenticationsInSixtySecondsBan() {
        Defence d = defence(SipDefenceConfig.defaults());
        InetAddress a = ip("198.51.100.7");
        for (int i = 0; i < 4; i++) {
            assertThat(d.authFailed(a)).isFalse();
            clock.advanceMillis(5_000);
        }
        assertThat(d.banned(a)).isFalse();
        assertThat(d.authFailed(a)).as("the fifth").isTrue();
        assertThat(d.banned(a)).isTrue();
        assertThat(d.check(invite(a))).isEqualTo(Verdict.DROP);
        assertThat(lines.lines).singleElement().asString().contains("reason=AUTH_FAILED");
        assertThat(d.authFailed(a)).as("already banned").isFalse();
        assertThat(d.unban(a)).isTrue();
        assertThat(d.check(invite(a))).isEqualTo(Verdict.ACCEPT);
    }

    @Test
    void failuresSpreadOverMinutesDoNotBan() {
        Defence d = defence(SipDefenceConfig.defaults());
        InetAddress a = ip("198.51.100.7");
        for (int i = 0; i < 20; i++) {
            assertThat(d.authFailed(a)).isFalse();
            clock.advanceMillis(30_000);
        }
        assertThat(d.banned(a)).isFalse();
    }

    @Test
    void scannerUserAgentsAreDroppedCaseInsensitively() {
        Defence d = defence(SipDefenceConfig.defaults());
        for (String ua : List.of("friendly-scanner", "SIPVicious 0.3.4", "sipcli/v1.8", "VaxSIPUserAgent/3.1",
                "pplsip", "sundayddr", "iWar", "sip-scan")) {
            assertThat(d.check(new Inbound(ip("203.0.113." + ua.length()), "OPTIONS", ua, 30, 8, 300, false, false)))
                    .as(ua).isEqualTo(Verdict.DROP);
        }
        assertThat(total(SecurityReason.SCANNER)).isEqualTo(8);
        assertThat(d.check(new Inbound(ip("203.0.113.99"), "OPTIONS", "Linphone/5.2 (belle-sip)", 30, 8, 300, false,
                false))).isEqualTo(Verdict.ACCEPT);
        assertThat(d.check(new Inbound(ip("203.0.113.99"), "OPTIONS", null, 30, 8, 300, false, false)))
                .isEqualTo(Verdict.ACCEPT);
    }

    @Test
    void oversizedRequestsGet413Or414Or400AndAnAckIsDropped() {
        Defence d = defence(SipDefenceConfig.defaults());
        InetAddress a = ip("192.0.2.1");
        assertThat(d.check(new Inbound(a, "INVITE", null, 40, 12, 16_384, true, false))).isEqualTo(Verdict.ACCEPT);
        assertThat(d.check(new Inbound(a, "INVITE", null, 40, 12, 16_385, true, false)))
                .isEqualTo(Verdict.REQUEST_ENTITY_TOO_LARGE);
        assertThat(d.check(new Inbound(a, "OPTIONS", null, 513, 12, 900, false, false)))
                .isEqualTo(Verdict.REQUEST_URI_TOO_LONG);
        assertThat(d.check(new Inbound(a, "OPTIONS", null, 512, 100, 900, false, false))).isEqualTo(Verdict.ACCEPT);
        assertThat(d.check(new Inbound(a, "OPTIONS", null, 40, 101, 900, false, false)))
                .isEqualTo(Verdict.TOO_MANY_HEADERS);
        assertThat(d.check(new Inbound(a, "ACK", null, 40, 12, 20_000, false, false))).isEqualTo(Verdict.DROP);
        assertThat(total(SecurityReason.OVERSIZED)).isEqualTo(4);
        assertThat(Verdict.REQUEST_ENTITY_TOO_LARGE.status()).isEqualTo(413);
        assertThat(Verdict.REQUEST_URI_TOO_LONG.status()).isEqualTo(414);
        assertThat(Verdict.TOO_MANY_HEADERS.status()).isEqualTo(400);
    }

    @Test
    void newInvitesOverTheNodeRateGet503WhileOptionsAndCallsInProgressPass() {
        Defence d = defence(SipDefenceConfig.defaults().withTrustedNetworks(List.of("192.0.2.0/24"))
                .withOverload(5, 0.8));
        for (int i = 0; i < 5; i++) {
            assertThat(d.check(invite(ip("192.0.2." + (i + 1))))).isEqualTo(Verdict.ACCEPT);
        }
        assertThat(d.check(invite(ip("192.0.2.9")))).isEqualTo(Verdict.OVERLOADED);
        assertThat(Verdict.OVERLOADED.status()).isEqualTo(503);
        assertThat(d.check(options(ip("192.0.2.9")))).isEqualTo(Verdict.ACCEPT);
        assertThat(d.check(new Inbound(ip("192.0.2.9"), "INVITE", null, 30, 10, 900, false, true)))
                .as("re-INVITE of a live call").isEqualTo(Verdict.ACCEPT);
        assertThat(d.check(new Inbound(ip("192.0.2.9"), "BYE", null, 30, 10, 300, false, true)))
                .isEqualTo(Verdict.ACCEPT);
        clock.advanceMillis(200);
        assertThat(d.check(invite(ip("192.0.2.9")))).as("a token back after 200 ms").isEqualTo(Verdict.ACCEPT);
        assertThat(d.check(invite(ip("192.0.2.9")))).isEqualTo(Verdict.OVERLOADED);
        assertThat(total(SecurityReason.OVERLOAD)).isEqualTo(2);
        assertThat(d.retryAfterSeconds()).isEqualTo(30);
    }

    @Test
    void aSaturatedMixerRefusesNewInvitesOnly() {
        Defence d = defence(SipDefenceConfig.defaults());
        load.set(0.95);
        assertThat(d.check(invite(ip("192.0.2.1")))).isEqualTo(Verdict.OVERLOADED);
        assertThat(d.check(options(ip("192.0.2.1")))).isEqualTo(Verdict.ACCEPT);
        load.set(0.5);
        assertThat(d.check(invite(ip("192.0.2.1")))).isEqualTo(Verdict.ACCEPT);
    }

    @Test
    void aSpoofedSourceSprayStaysBoundedAndKeepsBans() {
        SipDefenceConfig config = new SipDefenceConfig(16, Duration.ofSeconds(2), Duration.ofSeconds(300), 5,
                Duration.ofSeconds(60), List.of(), 1_000, 16_384, 512, 100, 100, 0.8, 30,
                SipDefenceConfig.DEFAULT_SCANNERS);
        Defence d = defence(config);
        InetAddress flooder = ip("192.0.2.1");
        for (int i = 0; i < 17; i++) {
            d.check(options(flooder));
        }
        assertThat(d.banned(flooder)).isTrue();
        byte[] addr = {10, 0, 0, 0};
        for (int i = 0; i < 100_000; i++) {
            addr[1] = (byte) (i >> 16);
            addr[2] = (byte) (i >> 8);
            addr[3] = (byte) i;
            try {
                d.check(options(InetAddress.getByAddress(addr)));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        assertThat(d.trackedSources()).isLessThanOrEqualTo(1_000);
        assertThat(d.banned(flooder)).as("the ban outlives the spray").isTrue();
    }

    @Test
    void banLinesAreRateLimited() {
        Defence d = defence(SipDefenceConfig.defaults().withRateLimit(1, Duration.ofSeconds(2), Duration.ofSeconds(60)));
        for (int i = 0; i < 50; i++) {
            InetAddress a = ip("192.0.2." + (i + 1));
            d.check(options(a));
            d.check(options(a));
        }
        assertThat(d.bannedSources()).isEqualTo(50);
        assertThat(lines.lines).hasSize(Defence.BAN_LINES_PER_SECOND);
        clock.advanceMillis(1_000);
        d.check(options(ip("192.0.2.200")));
        d.check(options(ip("192.0.2.200")));
        assertThat(lines.lines.get(lines.lines.size() - 1)).contains("unlogged_bans=40");
    }

    @Test
    void badTrustedNetworkIsRefusedAtConstruction() {
        assertThatThrownBy(() -> defence(SipDefenceConfig.defaults().withTrustedNetworks(List.of("example.com/8"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("example.com/8");
    }
}
