package org.voxgate.lab.codec;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.voxgate.bridge.internal.codec.AudioCodec;
import org.voxgate.bridge.internal.codec.AudioDecoder;
import org.voxgate.bridge.internal.codec.AudioEncoder;
import org.voxgate.bridge.internal.codec.OpusParameters;
import org.voxgate.lab.bench.BenchmarkDefaults;

/**
 * Decoding one 20 ms packet at the codec's own rate (8 kHz G.711, 16 kHz G.722 and L16, 48 kHz
 * Opus), and concealing one lost packet.
 *
 * <pre>
 * java -jar lab/target/benchmarks.jar CodecDecodeBenchmark -f 1 -wi 2 -w 1 -i 3 -r 1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(BenchmarkDefaults.FORKS)
@Warmup(iterations = BenchmarkDefaults.WARMUP_ITERATIONS, time = BenchmarkDefaults.WARMUP_SECONDS)
@Measurement(iterations = BenchmarkDefaults.MEASUREMENT_ITERATIONS, time = BenchmarkDefaults.MEASUREMENT_SECONDS)
public class CodecDecodeBenchmark {
    static final int FRAMES = 8;

    @Param({"PCMU", "G722", "OPUS", "L16"})
    public String codec;

    private AudioDecoder decoder;
    private byte[][] packets;
    private short[] pcm;
    private int samples;
    private int next;

    @Setup
    public void setUp() {
        AudioCodec c = AudioCodec.valueOf(codec);
        samples = c.samplesPer(20);
        short[][] frames = Speech.frames(c.sampleRateHz(), FRAMES);
        AudioEncoder enc = c.newEncoder(OpusParameters.OURS);
        packets = new byte[FRAMES][];
        byte[] buf = new byte[2000];
        for (int f = 0; f < FRAMES; f++) {
            int n = enc.encode(frames[f], 0, samples, buf, 0);
            packets[f] = java.util.Arrays.copyOf(buf, n);
        }
        AudioCodec.release(enc);
        decoder = c.newDecoder();
        pcm = new short[samples];
    }

    @TearDown
    public void tearDown() {
        AudioCodec.release(decoder);
    }

    @Benchmark
    public int decodePacket() {
        byte[] p = packets[next];
        next = (next + 1) & (FRAMES - 1);
        return decoder.decode(p, 0, p.length, pcm, 0);
    }

    /** One lost packet concealed, then the next decoded (concealment alone would fade to zero). */
    @Benchmark
    public int concealThenDecode() {
        decoder.conceal(pcm, 0, samples);
        byte[] p = packets[next];
        next = (next + 1) & (FRAMES - 1);
        return decoder.decode(p, 0, p.length, pcm, 0);
    }
}
