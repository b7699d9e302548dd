package org.voxgate.bridge.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.voxgate.testing.Tones;

/** Round trips through our G.722 encoder and decoder. */
class G722Test {

    static short[] roundTrip(short[] pcm) {
        G722Encoder enc = new G722Encoder();
        G722Decoder dec = new G722Decoder();
        byte[] code = new byte[160];
        short[] out = new short[pcm.length];
        for (int off = 0; off + 320 <= pcm.length; off += 320) {
            int n = enc.encode(pcm, off, 320, code, 0);
            assertThat(n).isEqualTo(160);
            assertThat(dec.decode(code, 0, n, out, off)).isEqualTo(320);
        }
        return out;
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {300, 1004, 3010, 5003, 6007})
    void tonesOfBothSubBandsSurviveWithHighSnr(int hz) {
        short[] in = Tones.sine(hz, -12, 1000, 16_000);
        short[] out = roundTrip(in);
        // The codec and the QMF pair delay the signal; the fit takes phase freely.
        double snr = Tones.snrDb(out, 1600, 16_000, hz, 16_000);
        System.out.printf("G.722 %d Hz: SNR %.1f dB, level %.1f dBFS in, %.1f out%n", hz, snr,
                Tones.rmsDbfs(in, 1600, 16_000), Tones.rmsDbfs(out, 1600, 16_000));
        assertThat(snr).isGreaterThan(hz < 4000 ? 30 : 20);
        assertThat(Tones.rmsDbfs(out, 1600, 16_000)).isCloseTo(Tones.rmsDbfs(in, 1600, 16_000),
                org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void silenceStaysNearSilent() {
        short[] out = roundTrip(new short[16_000]);
        assertThat(Tones.rmsDbfs(out, 0, out.length)).isLessThan(-70);
    }

    @Test
    void concealmentContinuesAToneAndTheDecoderRecoversAfterwards() {
        short[] in = Tones.sine(440, -12, 1000, 16_000);
        G722Encoder enc = new G722Encoder();
        G722Decoder dec = new G722Decoder();
        byte[] code = new byte[160];
        short[] out = new short[in.length];
        for (int f = 0; f < 50; f++) {
            int off = f * 320;
            int n = enc.encode(in, off, 320, code, 0);
            if (f == 20) {
                dec.conceal(out, off, 320); // one packet lost
            } else {
                dec.decode(code, 0, n, out, off);
            }
        }
        // The concealed frame is not silence, and two frames later the tone is clean again.
        assertThat(Tones.rmsDbfs(out, 20 * 320, 21 * 320)).isGreaterThan(-20);
        assertThat(Tones.snrDb(out, 23 * 320, 50 * 320, 440, 16_000)).isGreaterThan(25);
    }

    @Test
    void encoderStateCopyGivesIdenticalCodes() {
        short[] in = Tones.sine(1004, -10, 200, 16_000);
        G722Encoder a = new G722Encoder();
        byte[] ca = new byte[1600];
        a.encode(in, 0, 1600, ca, 0);
        G722Encoder b = new G722Encoder();
        b.copyFrom(a);
        byte[] x = new byte[800];
        byte[] y = new byte[800];
        a.encode(in, 1600, 1600, x, 0);
        b.encode(in, 1600, 1600, y, 0);
        assertThat(y).isEqualTo(x);
    }

    @Test
    void codingAndConcealingAllocateNothing() {
        short[] in = Tones.sine(1004, -12, 1000, 16_000);
        G722Encoder enc = new G722Encoder();
        G722Decoder dec = new G722Decoder();
        CodecFrameEncoder mixEncoder = new CodecFrameEncoder(AudioCodec.G722, 48_000, 20, null);
        short[] mix48 = Tones.sine(1004, -12, 20, 48_000);
        byte[] code = new byte[160];
        short[] out = new short[320];
        Runnable round = () -> {
            for (int off = 0; off + 320 <= in.length; off += 320) {
                int n = enc.encode(in, off, 320, code, 0);
                if ((off / 320) % 10 == 3) {
                    dec.conceal(out, 0, 320);
                } else {
                    dec.decode(code, 0, n, out, 0);
                }
                mixEncoder.encode(mix48, code, 0);
            }
        };
        for (int i = 0; i < 20; i++) {
            round.run(); // warm up
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 20; i++) {
            round.run();
        }
        assertThat(threads.getThreadAllocatedBytes(id) - before).as("bytes for 1000 frames").isLessThan(1024);
    }
}
