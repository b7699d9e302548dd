package org.voxgate.bridge.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.testing.Peers;
import org.voxgate.testing.Tones;

/**
 * Our G.722 against a second, independent implementation: ffmpeg's native g722 codec
 * ({@code -f g722}, raw 64 kbit/s octets). Streams encoded by one side are decoded by the other
 * and compared with the same stream decoded by the first side.
 */
class G722FfmpegIT {
    private static final int RATE = 16_000;

    @TempDir
    Path dir;

    /** Speech-like test signal: two tones, one per sub-band, and a slow level change. */
    private static short[] signal() {
        short[] a = Tones.sine(1004, -14, 2000, RATE);
        short[] b = Tones.sine(6007, -20, 2000, RATE);
        short[] out = new short[a.length];
        for (int i = 0; i < out.length; i++) {
            double env = 0.6 + 0.4 * Math.sin(2 * Math.PI * 1.3 * i / RATE);
            out[i] = (short) Math.round(env * (a[i] + b[i]));
        }
        return out;
    }

    private static void ffmpeg(String... args) throws IOException, InterruptedException {
        Path ff = Peers.requireCommand("ffmpeg");
        List<String> cmd = new java.util.ArrayList<>(List.of(ff.toString(), "-hide_banner", "-loglevel", "error", "-y"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("ffmpeg: " + out).isZero();
    }

    private static byte[] pcmBytes(short[] s) {
        byte[] b = new byte[2 * s.length];
        for (int i = 0; i < s.length; i++) {
            b[2 * i] = (byte) s[i];
            b[2 * i + 1] = (byte) (s[i] >> 8);
        }
        return b;
    }

    private static short[] pcmShorts(byte[] b) {
        short[] s = new short[b.length / 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) ((b[2 * i] & 0xFF) | (b[2 * i + 1] << 8));
        }
        return s;
    }

    private static short[] ourDecode(byte[] code) {
        G722Decoder d = new G722Decoder();
        short[] out = new short[2 * code.length];
        d.decode(code, 0, code.length, out, 0);
        return out;
    }

    private static byte[] ourEncode(short[] pcm) {
        G722Encoder e = new G722Encoder();
        byte[] out = new byte[pcm.length / 2];
        e.encode(pcm, 0, pcm.length, out, 0);
        return out;
    }

    private short[] ffmpegDecode(byte[] code) throws Exception {
        Path in = dir.resolve("in.g722");
        Path out = dir.resolve("out.raw");
        Files.write(in, code);
        ffmpeg("-f", "g722", "-i", in.toString(), "-f", "s16le", "-ar", "16000", "-ac", "1", out.toString());
        return pcmShorts(Files.readAllBytes(out));
    }

    private byte[] ffmpegEncode(short[] pcm) throws Exception {
        Path in = dir.resolve("in.raw");
        Path out = dir.resolve("out.g722");
        Files.write(in, pcmBytes(pcm));
        ffmpeg("-f", "s16le", "-ar", "16000", "-ac", "1", "-i", in.toString(), "-c:a", "g722", "-f", "g722",
                out.toString());
        return Files.readAllBytes(out);
    }

    /** SNR in dB of {@code y} against reference {@code x} over their common length, skipping the start. */
    static double snrDb(short[] x, short[] y, int skip) {
        int n = Math.min(x.length, y.length);
        double sig = 0;
        double err = 0;
        for (int i = skip; i < n; i++) {
            sig += (double) x[i] * x[i];
            double e = x[i] - y[i];
            err += e * e;
        }
        return 10 * Math.log10(sig / Math.max(err, 1e-9));
    }

    @Test
    void ffmpegEncodedStreamDecodesAlikeInBothDecoders() throws Exception {
        byte[] code = ffmpegEncode(signal());
        short[] theirs = ffmpegDecode(code);
        short[] ours = ourDecode(code);
        int differing = 0;
        for (int i = 0; i < Math.min(ours.length, theirs.length); i++) {
            if (ours[i] != theirs[i]) {
                differing++;
            }
        }
        double snr = snrDb(theirs, ours, 0);
        System.out.printf("ffmpeg-encoded G.722: our decode vs ffmpeg's: %.1f dB, %d of %d samples differ%n", snr,
                differing, ours.length);
        // Both decoders implement the same fixed-point recommendation: they agree to the sample.
        assertThat(differing).isZero();
    }

    @Test
    void ourStreamDecodesAlikeInBothDecoders() throws Exception {
        byte[] code = ourEncode(signal());
        short[] theirs = ffmpegDecode(code);
        short[] ours = ourDecode(code);
        double snr = snrDb(ours, theirs, 0);
        System.out.printf("our G.722 stream: ffmpeg decode vs ours: %.1f dB%n", snr);
        assertThat(snr).isGreaterThan(60); // in practice identical: both follow the fixed-point algorithm
    }

    @Test
    void ourEncoderIsAsGoodAsFfmpegs() throws Exception {
        short[] in = signal();
        byte[] ourCode = ourEncode(in);
        byte[] theirCode = ffmpegEncode(in);
        int differing = 0;
        for (int i = 0; i < Math.min(ourCode.length, theirCode.length); i++) {
            if (ourCode[i] != theirCode[i]) {
                differing++;
            }
        }
        double ourSnr = alignedSnrDb(in, ourDecode(ourCode));
        double theirSnr = alignedSnrDb(in, ffmpegDecode(theirCode));
        System.out.printf("round trip SNR after the codec delay: ours %.1f dB, ffmpeg %.1f dB; %d of %d octets differ%n",
                ourSnr, theirSnr, differing, ourCode.length);
        assertThat(ourSnr).isGreaterThan(20);
        assertThat(Math.abs(ourSnr - theirSnr)).isLessThan(1.0);
        // Without trellis search ffmpeg codes exactly as the recommendation does, and so do we.
        assertThat(differing).isZero();
    }

    /** Best SNR of {@code y} against {@code x} delayed by 0..64 samples (the QMF pair delays by 23). */
    private static double alignedSnrDb(short[] x, short[] y) {
        double best = -100;
        for (int lag = 0; lag <= 64; lag++) {
            short[] shifted = new short[y.length - lag];
            System.arraycopy(y, lag, shifted, 0, shifted.length);
            best = Math.max(best, snrDb(x, shifted, 1600));
        }
        return best;
    }
}
