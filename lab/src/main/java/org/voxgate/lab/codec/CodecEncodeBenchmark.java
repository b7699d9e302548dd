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
import org.voxgate.bridge.internal.codec.CodecFrameEncoder;
import org.voxgate.bridge.internal.codec.OpusParameters;
import org.voxgate.lab.bench.BenchmarkDefaults;

/**
 * Encoding one 20 ms mix frame for a listener: resampling from the mix rate to the codec's rate
 * (when they differ) and encoding, as the mixer's {@code CodecFrameEncoder} does it.
 *
 * <pre>
 * java -jar lab/target/benchmarks.jar CodecEncodeBenchmark -f 1 -wi 2 -w 1 -i 3 -r 1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(BenchmarkDefaults.FORKS)
@Warmup(iterations = BenchmarkDefaults.WARMUP_ITERATIONS, time = BenchmarkDefaults.WARMUP_SECONDS)
@Measurement(iterations = BenchmarkDefaults.MEASUREMENT_ITERATIONS, time = BenchmarkDefaults.MEASUREMENT_SECONDS)
public class CodecEncodeBenchmark {
    static final int FRAMES = 8;

    @Param({"PCMU", "G722", "OPUS", "L16"})
    public String codec;

    @Param({"8000", "16000", "48000"})
    public int mixRateHz;

    private CodecFrameEncoder encoder;
    private short[][] mix;
    private byte[] out;
    private int next;

    @Setup
    public void setUp() {
        AudioCodec c = AudioCodec.valueOf(codec);
        encoder = new CodecFrameEncoder(c, mixRateHz, 20, c == AudioCodec.OPUS ? OpusParameters.OURS : null);
        mix = Speech.frames(mixRateHz, FRAMES);
        out = new byte[encoder.maxPayloadBytes()];
    }

    @TearDown
    public void tearDown() {
        encoder.close();
    }

    @Benchmark
    public int encodeFrame() {
        int n = encoder.encode(mix[next], out, 0);
        next = (next + 1) & (FRAMES - 1);
        return n;
    }
}
