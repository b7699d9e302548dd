package org.voxgate.bridge.internal.mix;

import java.util.Arrays;
import java.util.Objects;

/**
 * Mixes one conference: every {@link #tick()} reads one frame from each participant, picks the
 * N loudest talkers, and writes to every receiving participant the sum of the talkers minus its
 * own voice.
 *
 * <p>Talker choice: the level of a participant is the mean square of its frame, smoothed with a
 * fast attack ({@value #ATTACK_MS} ms) and a slow release ({@value #RELEASE_MS} ms). Only
 * participants above {@value #ACTIVITY_THRESHOLD_DBFS} dBFS may take a slot. A free slot goes
 * to the loudest candidate at once; when all slots are taken, the loudest non-talker replaces
 * the quietest talker only after it was louder by {@value #SWAP_MARGIN_DB} dB for
 * {@value #SWAP_HOLD_MS} ms of consecutive ticks. A talker whose level falls below the
 * activity threshold frees its slot.
 *
 * <p>Output: talkers that contributed a frame hear {@code saturate(sum - own)}, encoded once
 * with their own encoder; everybody else hears {@code saturate(sum)}, encoded once per
 * {@link FrameEncoder#sharingKey()} by that group's {@link FrameEncoder#groupEncoder()} and
 * handed to every such listener. A listener with a stateful encoder that stops talking stays on
 * its own stream (encoding the full mix) until a silent tick, then rejoins the shared one. The sum is kept in 32
 * bits, so mix-minus is exact to the sample and clipping happens only at the end. Participants
 * whose {@link MixParticipant#receiving()} is false get nothing.
 *
 * <p>Not thread-safe: confined to the conference's mixer thread. {@link #add} and {@link
 * #remove} happen between ticks and are the only methods that may allocate.
 */
public final class Mixer {

    /** Talker slots when the conference does not choose. */
    public static final int DEFAULT_MAX_TALKERS = 3;
    /** Smoothed level a participant needs to take a talker slot (mean square relative to 32768^2). */
    public static final float ACTIVITY_THRESHOLD_DBFS = -45f;
    /** How much louder a challenger must be than the quietest talker to replace it. */
    public static final float SWAP_MARGIN_DB = 3f;
    /** How long the challenger must stay louder by the margin, in consecutive ticks. */
    public static final int SWAP_HOLD_MS = 100;
    /** Time constant of the level when it rises. */
    public static final int ATTACK_MS = 10;
    /** Time constant of the level when it falls, so pauses between words keep the slot. */
    public static final int RELEASE_MS = 300;

    private static final float FULL_SCALE_SQUARED = 32768f * 32768f;

    private final int mixRateHz;
    private final int ptimeMs;
    private final int samplesPerFrame;
    private final int maxTalkers;
    private final float attackAlpha;
    private final float releaseAlpha;
    private final float activityThreshold;
    private final float swapRatio;
    private final int swapHoldTicks;

    // Per participant, index 0..count-1; grown on add only.
    private MixParticipant[] participants = new MixParticipant[0];
    private short[][] frames = new short[0][];
    private boolean[] hasFrame = new boolean[0];
    private float[] level = new float[0];
    private boolean[] talker = new boolean[0];
    private FrameEncoder[] encoders = new FrameEncoder[0];
    private int[] group = new int[0];
    /** Whether the participant got its own mix-minus encoding last tick. */
    private boolean[] ownStream = new boolean[0];
    private int count;
    private int talkerCount;

    // Encoder sharing groups: one encoded full mix per sharing key per tick.
    private Object[] groupKeys = new Object[0];
    private FrameEncoder[] groupEncoders = new FrameEncoder[0];
    private byte[][] groupBuffers = new byte[0][];
    private int[] groupLength = new int[0];
    private long[] groupTick = new long[0];
    private int[] groupRefs = new int[0];

    private int challenger = -1;
    private int challengeTicks;

    private final int[] sum;
    private final short[] fullMix;
    private final short[] minusMix;
    private byte[] talkerPayload = new byte[0];
    private long tickCount;
    /** The full mix of this tick is below the activity threshold. */
    private boolean mixSilent;

    /** A mixer with {@link #DEFAULT_MAX_TALKERS} talker slots. */
    public Mixer(int mixRateHz, int ptimeMs) {
        this(mixRateHz, ptimeMs, DEFAULT_MAX_TALKERS);
    }

    /**
     * @param mixRateHz  8000, 16000 or 48000
     * @param ptimeMs    frame duration, 10 to 120 ms, giving a whole number of samples
     * @param maxTalkers how many loudest participants are mixed, at least 1
     * @throws IllegalArgumentException on any other value
     */
    public Mixer(int mixRateHz, int ptimeMs, int maxTalkers) {
        if (mixRateHz != 8000 && mixRateHz != 16000 && mixRateHz != 48000) {
            throw new IllegalArgumentException("mix rate must be 8000, 16000 or 48000 Hz: " + mixRateHz);
        }
        if (ptimeMs < 10 || ptimeMs > 120 || (mixRateHz * ptimeMs) % 1000 != 0) {
            throw new IllegalArgumentException("ptime must be 10..120 ms: " + ptimeMs);
        }
        if (maxTalkers < 1) {
            throw new IllegalArgumentException("maxTalkers must be >= 1: " + maxTalkers);
        }
        this.mixRateHz = mixRateHz;
        this.ptimeMs = ptimeMs;
        this.samplesPerFrame = mixRateHz * ptimeMs / 1000;
        this.maxTalkers = maxTalkers;
        this.attackAlpha = (float) (1 - Math.exp(-(double) ptimeMs / ATTACK_MS));
        this.releaseAlpha = (float) (1 - Math.exp(-(double) ptimeMs / RELEASE_MS));
        this.activityThreshold = FULL_SCALE_SQUARED * (float) Math.pow(10, ACTIVITY_THRESHOLD_DBFS / 10.0);
        this.swapRatio = (float) Math.pow(10, SWAP_MARGIN_DB / 10.0);
        this.swapHoldTicks = Math.max(1, (SWAP_HOLD_MS + ptimeMs - 1) / ptimeMs);
        this.sum = new int[samplesPerFrame];
        this.fullMix = new short[samplesPerFrame];
        this.minusMix = new short[samplesPerFrame];
    }

    public int mixRateHz() {
        return mixRateHz;
    }

    public int ptimeMs() {
        return ptimeMs;
    }

    public int samplesPerFrame() {
        return samplesPerFrame;
    }

    public int maxTalkers() {
        return maxTalkers;
    }

    /** Participants currently mixed. */
    public int size() {
        return count;
    }

    /**
     * Adds a participant; it is read and served from the next tick on.
     *
     * @throws IllegalArgumentException if it is already in this mixer
     * @throws NullPointerException     if it or its encoder or sharing key is null
     */
    public void add(MixParticipant participant) {
        Objects.requireNonNull(participant, "participant");
        if (indexOf(participant) >= 0) {
            throw new IllegalArgumentException("participant already mixed");
        }
        FrameEncoder encoder = Objects.requireNonNull(participant.encoder(), "encoder");
        if (count == participants.length) {
            grow(Math.max(4, count * 2));
        }
        int i = count++;
        participants[i] = participant;
        if (frames[i] == null) {
            frames[i] = new short[samplesPerFrame];
        }
        hasFrame[i] = false;
        level[i] = 0f;
        talker[i] = false;
        encoders[i] = encoder;
        group[i] = acquireGroup(encoder);
        ownStream[i] = false;
        resetChallenge();
    }

    /**
     * Removes a participant; it frees its talker slot at once.
     *
     * @return false if it was not in this mixer
     */
    public boolean remove(MixParticipant participant) {
        int i = indexOf(participant);
        if (i < 0) {
            return false;
        }
        releaseGroup(group[i]);
        if (talker[i]) {
            talkerCount--;
        }
        int last = --count;
        short[] freed = frames[i];
        participants[i] = participants[last];
        frames[i] = frames[last];
        hasFrame[i] = hasFrame[last];
        level[i] = level[last];
        talker[i] = talker[last];
        encoders[i] = encoders[last];
        group[i] = group[last];
        ownStream[i] = ownStream[last];
        participants[last] = null;
        encoders[last] = null;
        frames[last] = freed; // keep the buffer for the next add
        talker[last] = false;
        resetChallenge();
        return true;
    }

    /** Whether the participant holds a talker slot after the last tick. */
    public boolean isTalking(MixParticipant participant) {
        int i = indexOf(participant);
        return i >= 0 && talker[i];
    }

    /** Number of held talker slots after the last tick. */
    public int talkerCount() {
        return talkerCount;
    }

    /** Runs one frame period: read, choose talkers, sum, encode, write. Allocates nothing. */
    public void tick() {
        tickCount++;
        readFrames();
        chooseTalkers();
        sumTalkers();
        writeFrames();
    }

    private void readFrames() {
        for (int i = 0; i < count; i++) {
            MixParticipant p = participants[i];
            FrameEncoder e = p.encoder();
            if (e != encoders[i]) {
                changeEncoder(i, e);
            }
            boolean has = p.readFrame(frames[i]);
            hasFrame[i] = has;
            float energy = has ? meanSquare(frames[i]) : 0f;
            float l = level[i];
            level[i] = l + (energy > l ? attackAlpha : releaseAlpha) * (energy - l);
        }
    }

    private float meanSquare(short[] frame) {
        long acc = 0;
        for (int s = 0; s < samplesPerFrame; s++) {
            int v = frame[s];
            acc += v * v;
        }
        return (float) acc / samplesPerFrame;
    }

    private void chooseTalkers() {
        // 1. Talkers that fell silent free their slot.
        for (int i = 0; i < count; i++) {
            if (talker[i] && level[i] < activityThreshold) {
                talker[i] = false;
                talkerCount--;
            }
        }
        // 2. Free slots go to the loudest active candidates without delay.
        while (talkerCount < maxTalkers) {
            int best = loudestCandidate();
            if (best < 0) {
                break;
            }
            talker[best] = true;
            talkerCount++;
        }
        if (talkerCount < maxTalkers) {
            resetChallenge();
            return;
        }
        // 3. All slots taken: a louder challenger must hold its margin for swapHoldTicks.
        int candidate = loudestCandidate();
        int quietest = quietestTalker();
        if (candidate < 0 || quietest < 0 || level[candidate] <= level[quietest] * swapRatio) {
            resetChallenge();
            return;
        }
        if (candidate == challenger) {
            challengeTicks++;
        } else {
            challenger = candidate;
            challengeTicks = 1;
        }
        if (challengeTicks >= swapHoldTicks) {
            talker[quietest] = false;
            talker[candidate] = true;
            resetChallenge();
        }
    }

    private int loudestCandidate() {
        int best = -1;
        float bestLevel = activityThreshold;
        for (int i = 0; i < count; i++) {
            if (!talker[i] && level[i] >= bestLevel) {
                best = i;
                bestLevel = level[i];
            }
        }
        return best;
    }

    private int quietestTalker() {
        int worst = -1;
        float worstLevel = Float.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            if (talker[i] && level[i] < worstLevel) {
                worst = i;
                worstLevel = level[i];
            }
        }
        return worst;
    }

    private void resetChallenge() {
        challenger = -1;
        challengeTicks = 0;
    }

    private void sumTalkers() {
        int[] acc = sum;
        Arrays.fill(acc, 0);
        for (int i = 0; i < count; i++) {
            if (talker[i] && hasFrame[i]) {
                short[] f = frames[i];
                for (int s = 0; s < samplesPerFrame; s++) {
                    acc[s] += f[s];
                }
            }
        }
        long energy = 0;
        for (int s = 0; s < samplesPerFrame; s++) {
            short v = saturate(acc[s]);
            fullMix[s] = v;
            energy += v * v;
        }
        mixSilent = (float) energy / samplesPerFrame < activityThreshold;
    }

    private void writeFrames() {
        for (int i = 0; i < count; i++) {
            MixParticipant p = participants[i];
            if (!p.receiving()) {
                continue;
            }
            if (talker[i] && hasFrame[i]) {
                short[] own = frames[i];
                for (int s = 0; s < samplesPerFrame; s++) {
                    minusMix[s] = saturate(sum[s] - own[s]);
                }
                if (!ownStream[i]) {
                    // Its stream came from the group encoder until now: carry on from that state.
                    encoders[i].continueFrom(groupEncoders[group[i]]);
                    ownStream[i] = true;
                }
                int length = encoders[i].encode(minusMix, talkerPayload, 0);
                if (length > 0) {
                    p.writeFrame(talkerPayload, 0, length);
                }
            } else if (ownStream[i] && encoders[i].stateful() && !mixSilent) {
                // A former talker keeps its own stream until the mix is silent: switching encoder
                // state mid-sound would be heard.
                int length = encoders[i].encode(fullMix, talkerPayload, 0);
                if (length > 0) {
                    p.writeFrame(talkerPayload, 0, length);
                }
            } else {
                ownStream[i] = false;
                int g = group[i];
                if (groupTick[g] != tickCount) {
                    groupLength[g] = groupEncoders[g].encode(fullMix, groupBuffers[g], 0);
                    groupTick[g] = tickCount;
                }
                if (groupLength[g] > 0) {
                    p.writeFrame(groupBuffers[g], 0, groupLength[g]);
                }
            }
        }
    }

    private static short saturate(int v) {
        return (short) (v > Short.MAX_VALUE ? Short.MAX_VALUE : (v < Short.MIN_VALUE ? Short.MIN_VALUE : v));
    }

    private int indexOf(MixParticipant participant) {
        for (int i = 0; i < count; i++) {
            if (participants[i] == participant) {
                return i;
            }
        }
        return -1;
    }

    /** The participant renegotiated its codec (rare): move it to the matching group. */
    private void changeEncoder(int i, FrameEncoder encoder) {
        Objects.requireNonNull(encoder, "encoder");
        releaseGroup(group[i]);
        encoders[i] = encoder;
        group[i] = acquireGroup(encoder);
        ownStream[i] = false;
    }

    private int acquireGroup(FrameEncoder encoder) {
        Object key = Objects.requireNonNull(encoder.sharingKey(), "sharingKey");
        int max = encoder.maxPayloadBytes();
        if (max > talkerPayload.length) {
            talkerPayload = new byte[max];
        }
        int free = -1;
        for (int g = 0; g < groupKeys.length; g++) {
            if (groupRefs[g] > 0 && groupKeys[g].equals(key)) {
                groupRefs[g]++;
                if (groupBuffers[g].length < max) {
                    groupBuffers[g] = new byte[max];
                }
                return g;
            }
            if (groupRefs[g] == 0 && free < 0) {
                free = g;
            }
        }
        if (free < 0) {
            free = groupKeys.length;
            int n = Math.max(2, free * 2);
            groupKeys = Arrays.copyOf(groupKeys, n);
            groupEncoders = Arrays.copyOf(groupEncoders, n);
            groupBuffers = Arrays.copyOf(groupBuffers, n);
            groupLength = Arrays.copyOf(groupLength, n);
            groupTick = Arrays.copyOf(groupTick, n);
            groupRefs = Arrays.copyOf(groupRefs, n);
        }
        groupKeys[free] = key;
        groupEncoders[free] = Objects.requireNonNull(encoder.groupEncoder(), "groupEncoder");
        groupRefs[free] = 1;
        groupTick[free] = -1;
        if (groupBuffers[free] == null || groupBuffers[free].length < max) {
            groupBuffers[free] = new byte[max];
        }
        return free;
    }

    private void releaseGroup(int g) {
        if (--groupRefs[g] == 0) {
            groupKeys[g] = null;
            FrameEncoder e = groupEncoders[g];
            groupEncoders[g] = null;
            if (e != null && !isMemberEncoder(e)) {
                e.close();
            }
        }
    }

    private boolean isMemberEncoder(FrameEncoder e) {
        for (int i = 0; i < count; i++) {
            if (encoders[i] == e) {
                return true;
            }
        }
        return false;
    }

    /** Frees every group encoder (the conference closes or rebuilds its mixer). */
    public void close() {
        for (int g = 0; g < groupEncoders.length; g++) {
            FrameEncoder e = groupEncoders[g];
            if (e != null && !isMemberEncoder(e)) {
                e.close();
            }
            groupEncoders[g] = null;
            groupKeys[g] = null;
            groupRefs[g] = 0;
        }
    }

    private void grow(int capacity) {
        participants = Arrays.copyOf(participants, capacity);
        frames = Arrays.copyOf(frames, capacity);
        hasFrame = Arrays.copyOf(hasFrame, capacity);
        level = Arrays.copyOf(level, capacity);
        talker = Arrays.copyOf(talker, capacity);
        encoders = Arrays.copyOf(encoders, capacity);
        group = Arrays.copyOf(group, capacity);
        ownStream = Arrays.copyOf(ownStream, capacity);
    }
}
