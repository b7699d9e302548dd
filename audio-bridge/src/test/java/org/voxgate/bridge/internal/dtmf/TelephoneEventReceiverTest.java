package org.voxgate.bridge.internal.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class TelephoneEventReceiverTest {
    private final TelephoneEventReceiver rx = new TelephoneEventReceiver(8000);
    private final List<String> digits = new ArrayList<>();

    private static byte[] payload(int event, boolean end, int duration) {
        return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
    }

    private void feed(long ts, int event, boolean end, int duration, long nowMs) {
        byte[] p = payload(event, end, duration);
        char d = rx.onPacket(ts, p, 0, p.length, nowMs * 1_000_000L);
        if (d != TelephoneEventReceiver.NONE) {
            digits.add(d + "/" + rx.durationMs());
            char second = rx.takePending();
            if (second != TelephoneEventReceiver.NONE) {
                digits.add(second + "/" + rx.durationMs());
            }
        }
    }

    @Test
    void onePressOneDigitDespiteRedundantEnds() {
        // RFC 4733 section 2.5: start, updates every 50 ms, three end packets
        feed(1000, 5, false, 400, 0);
        feed(1000, 5, false, 800, 50);
        feed(1000, 5, false, 1200, 100);
        feed(1000, 5, true, 1600, 150);
        feed(1000, 5, true, 1600, 150);
        feed(1000, 5, true, 1600, 150);
        assertThat(digits).containsExactly("5/200");
    }

    @Test
    void retransmittedOrReorderedPacketsOfAFinishedEventAreIgnored() {
        feed(1000, 1, false, 400, 0);
        feed(1000, 1, true, 800, 50);
        feed(1000, 1, false, 400, 60); // reordered start arriving after the end
        feed(1000, 1, true, 800, 70);
        feed(2600, 1, false, 400, 300); // same key again: a new event, new timestamp
        feed(2600, 1, true, 800, 350);
        assertThat(digits).containsExactly("1/100", "1/100");
    }

    @Test
    void lostEndIsRecoveredByTheNextEventOrByExpiry() {
        feed(1000, 10, false, 400, 0); // '*' whose end packets all got lost
        feed(3000, 11, true, 800, 400); // '#' that is only seen by its end
        assertThat(digits).containsExactly("*/50", "#/100");
        feed(5000, 12, false, 400, 1000); // 'A', then silence
        assertThat(rx.expire(1500 * 1_000_000L)).isEqualTo(TelephoneEventReceiver.NONE);
        assertThat(rx.expire(2100 * 1_000_000L)).isEqualTo('A');
        feed(5000, 12, true, 800, 2200); // its late end must not report it again
        assertThat(digits).containsExactly("*/50", "#/100");
    }

    @Test
    void nonDtmfEventsAndShortPayloads() {
        feed(1000, 16, true, 800, 0); // flash-hook
        assertThat(digits).isEmpty();
        assertThat(rx.onPacket(2000, new byte[3], 0, 3, 0)).isEqualTo(TelephoneEventReceiver.MALFORMED);
    }
}
