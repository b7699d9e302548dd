package org.voxgate.lab.quality;

import java.util.ArrayList;
import java.util.List;

/**
 * What caller A sends during a measurement, as 8 kHz samples from the program's start:
 *
 * <pre>
 *  | 300 ms | chirp 200 ms | 300 ms | ... x probes | 1.5 s | 1004 Hz, level 0 | 1.5 s | 1004 Hz, level 1 | ... | 300 ms |
 *                                                           (no impairment)           (impairment 1)
 * </pre>
 *
 * Before the program, while the node's jitter buffer settles after the IVR, the player sends a
 * chirp every 500 ms ({@link Player#settleFrom}); the runner watches their delay until it stops
 * changing.
 *
 * The chirp (300 to 3400 Hz) gives the delay by cross-correlation; each tone segment is sent
 * through its impairment. Before and after the program A sends the 1004 Hz tone as a beacon (B
 * and the DTMF trial callers know they joined when they hear it).
 */
public final class Program {
    public static final double LEVEL_DBFS = -13; // about -10 dBm0 in G.711 (full-scale sine is +3.17 dBm0)
    static final int CHIRP_SAMPLES = 1600;
    /** While settling, a chirp every 500 ms. */
    public static final int SETTLE_SLOTS = 25;
    /** Silence before each tone level: lets the node's jitter buffer shrink back after the last one. */
    static final int LEVEL_GAP = 12_000;
    private static final int GAP = 2400;

    /** A tone segment: samples [from, to) sent through {@code impairment}. */
    public record ToneSegment(Impairment impairment, int from, int to) {}

    private final short[] signal;
    private final short[] chirp = Signals.chirp(300, 3400, CHIRP_SAMPLES, LEVEL_DBFS);
    private final List<Integer> probes = new ArrayList<>();
    private final List<ToneSegment> tones = new ArrayList<>();

    /** @param levels impairments, each for {@code toneSeconds} of tone; NONE first is the clean level */
    public Program(int probeCount, double toneSeconds, List<Impairment> levels) {
        int toneSamples = (int) Math.round(toneSeconds * Signals.RATE_HZ / Recording.FRAME) * Recording.FRAME;
        int n = GAP;
        for (int p = 0; p < probeCount; p++) {
            probes.add(n);
            n += CHIRP_SAMPLES + GAP;
        }
        for (Impairment imp : levels) {
            n += LEVEL_GAP;
            tones.add(new ToneSegment(imp, n, n + toneSamples));
            n += toneSamples;
        }
        n += GAP;
        n = (n + Recording.FRAME - 1) / Recording.FRAME * Recording.FRAME;
        signal = new short[n];
        for (int start : probes) {
            System.arraycopy(chirp, 0, signal, start, CHIRP_SAMPLES);
        }
        for (ToneSegment t : tones) {
            for (int i = t.from; i < t.to; i++) {
                signal[i] = Signals.sine(Signals.TEST_TONE_HZ, LEVEL_DBFS, i - t.from);
            }
        }
    }

    public short[] signal() {
        return signal;
    }

    public int length() {
        return signal.length;
    }

    public short[] chirp() {
        return chirp;
    }

    /** Start sample of each chirp probe. */
    public List<Integer> probes() {
        return List.copyOf(probes);
    }

    public List<ToneSegment> tones() {
        return List.copyOf(tones);
    }

    /** The segment holding sample {@code n}, or -1. */
    int toneIndexAt(int n) {
        for (int i = 0; i < tones.size(); i++) {
            if (n >= tones.get(i).from && n < tones.get(i).to) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A leg script that plays this program from slot {@code programSlot()} on (settable later),
     * the beacon tone before and after, with one {@link ImpairmentGenerator} per tone segment.
     */
    public final class Player implements QualityLeg.Script {
        private final ImpairmentGenerator[] generators;
        private volatile long programSlot = Long.MAX_VALUE;
        private volatile long settleSlot = Long.MAX_VALUE;

        public Player(long seed) {
            generators = new ImpairmentGenerator[tones.size()];
            for (int i = 0; i < generators.length; i++) {
                generators[i] = new ImpairmentGenerator(tones.get(i).impairment(), seed + i, 20_000);
            }
        }

        /** From {@code slot} until the program starts, a chirp every {@link #SETTLE_SLOTS} slots. */
        public void settleFrom(long slot) {
            settleSlot = slot;
        }

        public void startAt(long slot) {
            programSlot = slot;
        }

        public long programSlot() {
            return programSlot;
        }

        public ImpairmentGenerator generator(int toneIndex) {
            return generators[toneIndex];
        }

        @Override
        public ImpairmentGenerator frame(long slot, short[] out) {
            long start = programSlot;
            long index = slot >= start ? (slot - start) * Recording.FRAME : -1;
            if (index < 0 && slot >= settleSlot) {
                long inProbe = (slot - settleSlot) % SETTLE_SLOTS;
                if (inProbe * Recording.FRAME < CHIRP_SAMPLES) {
                    System.arraycopy(chirp, (int) inProbe * Recording.FRAME, out, 0, out.length);
                } else {
                    java.util.Arrays.fill(out, (short) 0);
                }
                return null;
            }
            if (index < 0 || index >= signal.length) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = Signals.sine(Signals.TEST_TONE_HZ, LEVEL_DBFS, slot * Recording.FRAME + i);
                }
                return null;
            }
            System.arraycopy(signal, (int) index, out, 0, out.length);
            int t = toneIndexAt((int) index);
            return t < 0 ? null : generators[t];
        }
    }
}
