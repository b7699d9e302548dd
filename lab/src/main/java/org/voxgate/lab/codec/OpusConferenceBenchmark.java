package org.voxgate.lab.codec;

import java.util.ArrayList;
import java.util.List;
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
import org.voxgate.bridge.internal.codec.OpusDecoder;
import org.voxgate.bridge.internal.codec.OpusEncoder;
import org.voxgate.bridge.internal.codec.OpusParameters;
import org.voxgate.bridge.internal.mix.FrameEncoder;
import org.voxgate.bridge.internal.mix.MixParticipant;
import org.voxgate.bridge.internal.mix.Mixer;
import org.voxgate.lab.bench.BenchmarkDefaults;

/**
 * One 20 ms tick of a 48 kHz conference where everybody speaks Opus: every participant's packet
 * decoded (all send, as without DTX), three talkers mixed, three mix-minus Opus encodes and one
 * shared Opus encode for everybody else. What a conference costs its mixer thread per tick;
 * {@code 20 ms / (tick / participants)} is how many Opus participants one core carries.
 *
 * <pre>
 * java -jar lab/target/benchmarks.jar OpusConferenceBenchmark -f 1 -wi 2 -w 1 -i 3 -r 1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(BenchmarkDefaults.FORKS)
@Warmup(iterations = BenchmarkDefaults.WARMUP_ITERATIONS, time = BenchmarkDefaults.WARMUP_SECONDS)
@Measurement(iterations = BenchmarkDefaults.MEASUREMENT_ITERATIONS, time = BenchmarkDefaults.MEASUREMENT_SECONDS)
public class OpusConferenceBenchmark {
    static final int RATE = 48_000;
    static final int SAMPLES = 960;
    static final int TALKERS = 3;
    static final int PACKETS = 8;

    @Param({"10", "100"})
    public int participants;

    private Mixer mixer;
    private final List<Leg> legs = new ArrayList<>();

    /** A participant: decodes its next Opus packet each tick, takes its encoded mix. */
    static final class Leg implements MixParticipant {
        final byte[][] packets;
        final OpusDecoder decoder = new OpusDecoder();
        final CodecFrameEncoder encoder = new CodecFrameEncoder(AudioCodec.OPUS, RATE, 20, OpusParameters.OURS);
        final byte[] packet = new byte[12 + OpusEncoder.MAX_PACKET_BYTES];
        int next;

        Leg(byte[][] packets) {
            this.packets = packets;
        }

        @Override
        public boolean readFrame(short[] frame) {
            byte[] p = packets[next];
            next = (next + 1) & (PACKETS - 1);
            return decoder.decode(p, 0, p.length, frame, 0) > 0;
        }

        @Override
        public FrameEncoder encoder() {
            return encoder;
        }

        @Override
        public boolean receiving() {
            return true;
        }

        @Override
        public void writeFrame(byte[] payload, int offset, int length) {
            System.arraycopy(payload, offset, packet, 12, length);
        }
    }

    @Setup
    public void setUp() {
        short[][] speech = Speech.frames(RATE, PACKETS);
        short[][] quiet = new short[PACKETS][SAMPLES];
        java.util.Random r = new java.util.Random(3);
        for (short[] q : quiet) {
            for (int i = 0; i < SAMPLES; i++) {
                q[i] = (short) (r.nextGaussian() * 30); // room noise, about -60 dBFS
            }
        }
        mixer = new Mixer(RATE, 20, TALKERS);
        for (int i = 0; i < participants; i++) {
            short[][] source = i < TALKERS ? speech : quiet;
            byte[][] packets = new byte[PACKETS][];
            try (OpusEncoder enc = new OpusEncoder(OpusParameters.OURS)) {
                byte[] buf = new byte[OpusEncoder.MAX_PACKET_BYTES];
                for (int f = 0; f < PACKETS; f++) {
                    int n = enc.encode(source[f], 0, SAMPLES, buf, 0);
                    packets[f] = java.util.Arrays.copyOf(buf, n);
                }
            }
            Leg leg = new Leg(packets);
            legs.add(leg);
            mixer.add(leg);
        }
        for (int i = 0; i < 50; i++) {
            mixer.tick();
        }
        if (mixer.talkerCount() != TALKERS) {
            throw new IllegalStateException("expected " + TALKERS + " talkers, got " + mixer.talkerCount());
        }
    }

    @TearDown
    public void tearDown() {
        mixer.close();
        for (Leg l : legs) {
            l.decoder.close();
            l.encoder.close();
        }
    }

    @Benchmark
    public int tick() {
        mixer.tick();
        return mixer.talkerCount();
    }
}
