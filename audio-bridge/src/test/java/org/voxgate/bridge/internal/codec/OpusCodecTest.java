package org.voxgate.bridge.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.testing.Peers;
import org.voxgate.testing.Tones;

/** libopus through opus-java: round trip, FEC recovery, state copy, TOC durations. */
class OpusCodecTest {
    private static final int RATE = 48_000;
    private static final int FRAME = 960;

    @BeforeEach
    void needOpus() {
        if (Peers.underCi()) {
            assertThat(OpusSupport.problem()).isNull();
        }
        assumeTrue(OpusSupport.available(), () -> "libopus: " + OpusSupport.problem());
    }

    @Test
    void aToneSurvivesTheRoundTrip() {
        short[] in = Tones.sine(1004, -12, 1000, RATE);
        short[] out = new short[in.length];
        byte[] packet = new byte[OpusEncoder.MAX_PACKET_BYTES];
        try (OpusEncoder enc = new OpusEncoder(OpusParameters.OURS); OpusDecoder dec = new OpusDecoder()) {
            for (int off = 0; off + FRAME <= in.length; off += FRAME) {
                int n = enc.encode(in, off, FRAME, packet, 0);
                assertThat(n).isPositive().isLessThan(400); // 32 kbit/s VBR: ~80 bytes a frame
                assertThat(OpusToc.samplesAt48k(packet, 0, n)).isEqualTo(FRAME);
                assertThat(dec.decode(packet, 0, n, out, off)).isEqualTo(FRAME);
            }
        }
        double snr = Tones.snrDb(out, 9600, 48_000, 1004, RATE);
        System.out.printf("Opus 32 kbit/s 1004 Hz: SNR %.1f dB%n", snr);
        assertThat(snr).isGreaterThan(25);
    }

    @Test
    void fecOfTheNextPacketRebuildsALostOneBetterThanConcealment() {
        short[] in = Tones.sine(700, -12, 1000, RATE);
        byte[][] packets = new byte[50][];
        try (OpusEncoder enc = new OpusEncoder(OpusParameters.OURS)) {
            byte[] p = new byte[OpusEncoder.MAX_PACKET_BYTES];
            for (int f = 0; f < 50; f++) {
                int n = enc.encode(in, f * FRAME, FRAME, p, 0);
                packets[f] = java.util.Arrays.copyOf(p, n);
            }
        }
        short[] fec = decodeLosing(packets, 30, true);
        short[] plc = decodeLosing(packets, 30, false);
        short[] clean = decodeLosing(packets, -1, false);
        double fecErr = errorDb(clean, fec, 30 * FRAME, 31 * FRAME);
        double plcErr = errorDb(clean, plc, 30 * FRAME, 31 * FRAME);
        System.out.printf("lost frame vs clean decode: FEC %.1f dB, PLC %.1f dB (SNR)%n", fecErr, plcErr);
        assertThat(fecErr).isGreaterThan(plcErr + 3);
        assertThat(fecErr).isGreaterThan(10);
    }

    private static short[] decodeLosing(byte[][] packets, int lost, boolean useFec) {
        short[] out = new short[packets.length * FRAME];
        try (OpusDecoder dec = new OpusDecoder()) {
            for (int f = 0; f < packets.length; f++) {
                if (f == lost) {
                    int r = useFec ? dec.recover(packets[f + 1], 0, packets[f + 1].length, out, f * FRAME, FRAME) : -1;
                    if (r < 0) {
                        dec.conceal(out, f * FRAME, FRAME);
                    }
                } else {
                    dec.decode(packets[f], 0, packets[f].length, out, f * FRAME);
                }
            }
        }
        return out;
    }

    private static double errorDb(short[] ref, short[] x, int from, int to) {
        double s = 0;
        double e = 0;
        for (int i = from; i < to; i++) {
            s += (double) ref[i] * ref[i];
            double d = ref[i] - x[i];
            e += d * d;
        }
        return 10 * Math.log10(s / Math.max(e, 1e-9));
    }

    @Test
    void aCopiedEncoderStateProducesTheSamePackets() {
        short[] in = Tones.sine(1004, -12, 400, RATE);
        try (OpusEncoder a = new OpusEncoder(OpusParameters.OURS); OpusEncoder b = new OpusEncoder(OpusParameters.OURS)) {
            byte[] pa = new byte[OpusEncoder.MAX_PACKET_BYTES];
            byte[] pb = new byte[OpusEncoder.MAX_PACKET_BYTES];
            for (int f = 0; f < 10; f++) {
                a.encode(in, f * FRAME, FRAME, pa, 0);
            }
            b.copyFrom(a);
            for (int f = 10; f < 20; f++) {
                int na = a.encode(in, f * FRAME, FRAME, pa, 0);
                int nb = b.encode(in, f * FRAME, FRAME, pb, 0);
                assertThat(java.util.Arrays.copyOf(pb, nb)).isEqualTo(java.util.Arrays.copyOf(pa, na));
            }
        }
    }

    @Test
    void tocDurations() {
        assertThat(OpusToc.samplesAt48k(new byte[] {(byte) (1 << 3)}, 0, 1)).isEqualTo(960); // SILK NB 20 ms
        assertThat(OpusToc.samplesAt48k(new byte[] {(byte) (3 << 3)}, 0, 1)).isEqualTo(2880); // SILK NB 60 ms
        assertThat(OpusToc.samplesAt48k(new byte[] {(byte) ((31 << 3) | 1)}, 0, 1)).isEqualTo(1920); // 2 x CELT 20
        assertThat(OpusToc.samplesAt48k(new byte[] {(byte) ((16 << 3) | 3), 4}, 0, 2)).isEqualTo(480); // 4 x 2.5
        assertThat(OpusToc.samplesAt48k(new byte[] {(byte) ((3 << 3) | 3), 3}, 0, 2)).isEqualTo(-1); // 180 ms
        assertThat(OpusToc.samplesAt48k(new byte[0], 0, 0)).isEqualTo(-1);
    }

    @Test
    void fmtpParsing() {
        OpusParameters p = OpusParameters.parse("useinbandfec=1; usedtx=1;maxaveragebitrate=999999;maxplaybackrate=16000;stereo=1");
        assertThat(p).isEqualTo(new OpusParameters(510_000, true, true, 16_000));
        assertThat(OpusParameters.parse("maxaveragebitrate=abc")).isEqualTo(OpusParameters.PEER_DEFAULT);
        assertThat(OpusParameters.parse(null)).isEqualTo(OpusParameters.PEER_DEFAULT);
    }
}
