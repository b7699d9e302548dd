package org.voxgate.bridge.internal.leg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.voxgate.bridge.BridgeConfig;
import org.voxgate.bridge.internal.codec.AudioCodec;
import org.voxgate.bridge.internal.codec.AudioDecoder;
import org.voxgate.bridge.internal.codec.AudioEncoder;
import org.voxgate.bridge.internal.codec.OpusParameters;
import org.voxgate.bridge.internal.codec.OpusSupport;
import org.voxgate.bridge.internal.jitter.JitterBuffer;
import org.voxgate.testing.Peers;

/**
 * The jitter buffer floor of an Opus leg with in-band FEC, and what it buys: on a steady
 * 20 ms stream with one packet lost, a 40 ms floor has the next packet (which carries the lost
 * one's FEC copy) buffered when the loss is due, so the loss is rebuilt by FEC and nothing is
 * concealed; at 20 ms the loss is first concealed (an underrun) and only then rebuilt. The
 * play-out steps are {@link LegPlayout#pull}'s, on a simulated clock.
 */
class OpusFecDepthTest {
    private static final InetAddress LO = InetAddress.getLoopbackAddress();

    private static BridgeConfig config(int jitterMinMs, int opusFecJitterMinMs) {
        return new BridgeConfig(LO, LO, 20_000, 20_099, Duration.ofSeconds(30), 1, List.of("OPUS"), jitterMinMs, 200,
                opusFecJitterMinMs);
    }

    @Test
    void opusLegsWithFecBufferAtLeastTheOpusFloor() {
        assertThat(OpusParameters.OURS.useInbandFec()).as("our answer asks for in-band FEC").isTrue();
        assertThat(LegPlayout.jitterMinMs(AudioCodec.OPUS, config(20, 40))).isEqualTo(40);
        assertThat(LegPlayout.jitterMinMs(AudioCodec.OPUS, config(60, 40))).isEqualTo(60);
        assertThat(LegPlayout.jitterMinMs(AudioCodec.OPUS, config(20, 0))).isEqualTo(20);
        assertThat(LegPlayout.jitterMinMs(AudioCodec.G722, config(20, 40))).isEqualTo(20);
        assertThat(LegPlayout.jitterMinMs(AudioCodec.PCMU, config(0, 40))).isZero();
        assertThat(new BridgeConfig(LO, LO, 20_000, 20_099, Duration.ofSeconds(30), 1, List.of("OPUS"), 20, 200)
                .opusFecJitterMinMs()).isEqualTo(BridgeConfig.DEFAULT_OPUS_FEC_JITTER_MIN_MS).isEqualTo(40);
    }

    @Test
    void withTheOpusFloorASingleLossIsRebuiltByFecWithoutConcealment() {
        Counts c = playSingleLoss(LegPlayout.jitterMinMs(AudioCodec.OPUS, config(20, 40)), 1);
        System.out.printf("Opus, one loss, 40 ms floor: %d rebuilt by FEC, %d concealed%n", c.fec, c.concealed);
        assertThat(c.fec).isEqualTo(1);
        assertThat(c.concealed).isZero();
        c = playSingleLoss(LegPlayout.jitterMinMs(AudioCodec.OPUS, config(20, 40)), 19);
        assertThat(c.fec).as("the poll just before the next packet arrives").isEqualTo(1);
        assertThat(c.concealed).isZero();
    }

    @Test
    void withoutItTheLossIsConcealedFirst() {
        Counts c = playSingleLoss(LegPlayout.jitterMinMs(AudioCodec.OPUS, config(20, 0)), 1);
        System.out.printf("Opus, one loss, 20 ms floor: %d rebuilt by FEC, %d concealed%n", c.fec, c.concealed);
        assertThat(c.concealed).isPositive();
    }

    private record Counts(int fec, int concealed) {
    }

    /**
     * 100 packets of 20 ms arriving every 20 ms exactly, packet 50 lost; the play-out clock
     * polls {@code pollPhaseMs} after each arrival.
     */
    private static Counts playSingleLoss(int minDelayMs, int pollPhaseMs) {
        if (Peers.underCi()) {
            assertThat(OpusSupport.problem()).isNull();
        }
        assumeTrue(OpusSupport.available(), () -> "libopus: " + OpusSupport.problem());
        AudioEncoder enc = AudioCodec.OPUS.newEncoder(OpusParameters.OURS);
        AudioDecoder dec = AudioCodec.OPUS.newDecoder();
        try {
            JitterBuffer jitter = new JitterBuffer(48_000, 20, minDelayMs, 200, 1500);
            short[] pcm = new short[960];
            byte[] packet = new byte[1500];
            byte[] out = new byte[1500];
            byte[] next = new byte[1500];
            short[] decoded = new short[960 * 2];
            int fec = 0;
            int concealed = 0;
            long ms = 1_000_000L;
            for (int k = 0; k < 100; k++) {
                for (int i = 0; i < 960; i++) {
                    pcm[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 1004 * (k * 960 + i) / 48_000.0));
                }
                int n = enc.encode(pcm, 0, 960, packet, 0);
                long arrival = k * 20 * ms;
                if (k != 50) {
                    assertThat(jitter.insert(k, 960L * k, packet, 0, n, arrival)).isNull();
                }
                int got = jitter.poll(arrival + pollPhaseMs * ms, out);
                if (got == JitterBuffer.LOST) {
                    int m = jitter.peekNext(next);
                    if (m > 0 && dec.recover(next, 0, m, decoded, 0, 960) > 0) {
                        fec++;
                    } else {
                        dec.conceal(decoded, 0, 960);
                        concealed++;
                    }
                } else if (got > 0) {
                    dec.decode(out, 0, got, decoded, 0);
                }
            }
            return new Counts(fec, concealed);
        } finally {
            AudioCodec.release(enc);
            AudioCodec.release(dec);
        }
    }
}
