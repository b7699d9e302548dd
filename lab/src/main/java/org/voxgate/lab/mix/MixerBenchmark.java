package org.voxgate.lab.mix;

import java.util.Random;
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
import org.openjdk.jmh.annotations.Warmup;
import org.voxgate.bridge.internal.mix.FrameEncoder;
import org.voxgate.bridge.internal.mix.MixParticipant;
import org.voxgate.bridge.internal.mix.Mixer;
import org.voxgate.lab.bench.BenchmarkDefaults;

/**
 * One 20 ms tick of an 8 kHz conference: every participant's frame read and measured, three
 * talkers summed, mix-minus for each talker, one shared G.711 mu-law encoding for everybody
 * else, and each listener's payload copied behind a 12-byte RTP header (the packetizing work,
 * without a socket).
 *
 * <pre>
 * mvn -B -q -pl lab -am -DskipTests package
 * java -jar lab/target/benchmarks.jar MixerBenchmark -prof gc -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(BenchmarkDefaults.FORKS)
@Warmup(iterations = BenchmarkDefaults.WARMUP_ITERATIONS, time = BenchmarkDefaults.WARMUP_SECONDS)
@Measurement(iterations = BenchmarkDefaults.MEASUREMENT_ITERATIONS, time = BenchmarkDefaults.MEASUREMENT_SECONDS)
public class MixerBenchmark {

    static final int RATE_HZ = 8000;
    static final int PTIME_MS = 20;
    static final int SAMPLES = RATE_HZ * PTIME_MS / 1000;
    static final int TALKERS = 3;
    static final int RTP_HEADER_BYTES = 12;
    /** Distinct frames each participant cycles through, so the work is not one constant frame. */
    static final int FRAMES = 8;

    @Param({"10", "100", "1000"})
    public int participants;

    private Mixer mixer;

    /** A leg as the mixer sees it: frames from a "jitter buffer", payloads into an "RTP packet". */
    static final class Leg implements MixParticipant {
        final short[][] frames = new short[FRAMES][SAMPLES];
        final FrameEncoder encoder;
        final byte[] packet;
        int next;
        int sequence;
        long timestamp;

        Leg(FrameEncoder encoder, double amplitude, double hz, Random random) {
            this.encoder = encoder;
            this.packet = new byte[RTP_HEADER_BYTES + encoder.maxPayloadBytes()];
            for (int f = 0; f < FRAMES; f++) {
                for (int i = 0; i < SAMPLES; i++) {
                    double t = (double) (f * SAMPLES + i) / RATE_HZ;
                    double v = amplitude * Math.sin(2 * Math.PI * hz * t) + random.nextGaussian() * 30;
                    frames[f][i] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
                }
            }
            packet[0] = (byte) 0x80;
        }

        @Override
        public boolean readFrame(short[] frame) {
            System.arraycopy(frames[next], 0, frame, 0, SAMPLES);
            next = (next + 1) & (FRAMES - 1);
            return true;
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
            sequence = (sequence + 1) & 0xffff;
            timestamp += SAMPLES;
            packet[2] = (byte) (sequence >> 8);
            packet[3] = (byte) sequence;
            packet[4] = (byte) (timestamp >> 24);
            packet[5] = (byte) (timestamp >> 16);
            packet[6] = (byte) (timestamp >> 8);
            packet[7] = (byte) timestamp;
            System.arraycopy(payload, offset, packet, RTP_HEADER_BYTES, length);
        }
    }

    @Setup
    public void setUp() {
        mixer = new Mixer(RATE_HZ, PTIME_MS, TALKERS);
        Random random = new Random(42);
        for (int i = 0; i < participants; i++) {
            // A few speak (-16..-20 dBFS), the rest send room noise only (about -60 dBFS).
            double amplitude = i < TALKERS + 1 ? 6000 - 1000 * i : 0;
            mixer.add(new Leg(new MuLawFrameEncoder(SAMPLES), amplitude, 200 + 37 * i, random));
        }
        for (int i = 0; i < 50; i++) {
            mixer.tick(); // talkers chosen
        }
        if (mixer.talkerCount() != TALKERS) {
            throw new IllegalStateException("expected " + TALKERS + " talkers, got " + mixer.talkerCount());
        }
    }

    @Benchmark
    public int tick() {
        mixer.tick();
        return mixer.talkerCount();
    }
}
