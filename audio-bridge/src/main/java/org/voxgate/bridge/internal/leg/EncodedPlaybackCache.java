package org.voxgate.bridge.internal.leg;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.voxgate.bridge.internal.codec.AudioCodec;
import org.voxgate.bridge.internal.codec.AudioEncoder;
import org.voxgate.bridge.internal.codec.OpusParameters;

/**
 * Prompts, tones and silence encoded once per (content, codec, ptime, Opus parameters) and
 * shared by every leg that plays them, so a media clock thread sends stored payloads instead of
 * running one encoder per listener (an Opus encode of a 20 ms frame costs about as much as
 * mixing a whole meeting). Encoding happens on the thread that asks ({@code MediaLeg.play},
 * {@code playTone}, an answer), never on a clock thread.
 *
 * <p>Which codecs: Opus (a decoder takes packets from another encoder the way it takes them
 * after a loss or a switch between talkers; the mixer switches Opus streams the same way) and
 * the stateless ones (G.711, L16: the bytes are exactly what the leg's own encoder would make).
 * G.722 is not shared: its ADPCM decoder follows the encoder's state, and a stream switch is
 * heard; for it {@link #frames} returns null and the leg encodes as before.
 *
 * <p>Bounded: at most {@code maxEntries} entries and {@code maxBytes} of payload, least recently
 * used first out. Thread-safe; two legs missing the same entry at once may both encode it (the
 * same bytes), one copy is kept.
 */
public final class EncodedPlaybackCache {
    /** Entries kept by default: every prompt list and tone in a few codecs. */
    public static final int DEFAULT_MAX_ENTRIES = 256;
    /** Payload bytes kept by default (Opus at 32 kbit/s: about 4 KB per second of prompt). */
    public static final long DEFAULT_MAX_BYTES = 8L << 20;
    /** Silence frames encoded before the one kept, so the encoder has settled. */
    static final int SILENCE_WARM_UP_FRAMES = 5;

    private record Key(Object content, AudioCodec codec, int ptimeMs, OpusParameters opus) {}

    private static final Object SILENCE = new Object() {
        @Override
        public String toString() {
            return "silence";
        }
    };

    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<Key, EncodedFrames> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;
    private long framesEncoded;

    public EncodedPlaybackCache() {
        this(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_BYTES);
    }

    /** @throws IllegalArgumentException when a bound is below 1 */
    public EncodedPlaybackCache(int maxEntries, long maxBytes) {
        if (maxEntries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("bounds must be >= 1: " + maxEntries + ", " + maxBytes);
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** Whether streams of {@code codec} may carry frames encoded by another encoder. */
    public static boolean shareable(AudioCodec codec) {
        return codec == AudioCodec.OPUS || codec.statelessEncoder();
    }

    /**
     * The frames of {@code clips} played back to back (the last frame padded with silence), as
     * one leg of {@code codec} with {@code peerOpus} would encode them at {@code ptimeMs}.
     *
     * @param content what identifies the clips' audio at the codec's rate (a prompt list, a
     *                tone): equal content must mean equal clips
     * @param clips   PCM at {@code codec.sampleRateHz()}; read, not kept
     * @return the shared frames, or null when the codec is not {@link #shareable} or its
     *     encoder cannot be made or refuses a frame (the leg then encodes itself)
     */
    public EncodedFrames frames(Object content, short[][] clips, AudioCodec codec, OpusParameters peerOpus,
                                int ptimeMs) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(clips, "clips");
        if (!shareable(codec) || !codec.available()) {
            return null;
        }
        Key key = new Key(content, codec, ptimeMs, EncodedFrames.normalise(codec, peerOpus));
        EncodedFrames f = lookUp(key);
        return f != null ? f : store(key, encode(key, clips, 0));
    }

    /**
     * One frame of silence for a leg of {@code codec} with {@code peerOpus}, to send every tick
     * in which the leg has nothing else to play; null when not {@link #shareable} or when the
     * receiver asked for Opus DTX (its encoder then sends almost nothing in silence and must
     * decide itself when to refresh the comfort noise).
     */
    public EncodedFrames silence(AudioCodec codec, OpusParameters peerOpus, int ptimeMs) {
        if (!shareable(codec) || !codec.available()) {
            return null;
        }
        OpusParameters opus = EncodedFrames.normalise(codec, peerOpus);
        if (opus != null && opus.useDtx()) {
            return null;
        }
        Key key = new Key(SILENCE, codec, ptimeMs, opus);
        EncodedFrames f = lookUp(key);
        if (f != null) {
            return f;
        }
        short[] zeros = new short[codec.samplesPer(ptimeMs) * (SILENCE_WARM_UP_FRAMES + 1)];
        return store(key, encode(key, new short[][] {zeros}, SILENCE_WARM_UP_FRAMES));
    }

    private synchronized EncodedFrames lookUp(Key key) {
        EncodedFrames f = entries.get(key);
        if (f != null) {
            hits++;
        } else {
            misses++;
        }
        return f;
    }

    private synchronized EncodedFrames store(Key key, EncodedFrames f) {
        if (f == null) {
            return null;
        }
        EncodedFrames present = entries.get(key);
        if (present != null) {
            return present; // another leg encoded it meanwhile
        }
        if (f.bytes() > maxBytes) {
            return f; // too large to keep: this leg uses it once
        }
        entries.put(key, f);
        bytes += f.bytes();
        var it = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || bytes > maxBytes) && it.hasNext()) {
            Map.Entry<Key, EncodedFrames> oldest = it.next();
            if (oldest.getValue() == f) {
                continue;
            }
            bytes -= oldest.getValue().bytes();
            it.remove();
        }
        return f;
    }

    /** Encodes with a fresh encoder, as a new stream; keeps the frames after the first {@code skip}. */
    private EncodedFrames encode(Key key, short[][] clips, int skip) {
        AudioCodec codec = key.codec();
        int frame = codec.samplesPer(key.ptimeMs());
        long total = 0;
        for (short[] c : clips) {
            total += c.length;
        }
        int frames = (int) ((total + frame - 1) / frame);
        AudioEncoder encoder;
        try {
            encoder = codec.newEncoder(key.opus());
        } catch (IllegalStateException unavailable) {
            return null;
        }
        try {
            short[] pcm = new short[frame];
            byte[] out = new byte[encoder.maxPayloadBytes(frame)];
            byte[] data = new byte[Math.max(16, (frames - skip) * Math.min(out.length, 256))];
            int[] offsets = new int[Math.max(0, frames - skip) + 1];
            int length = 0;
            int clip = 0;
            int position = 0;
            for (int i = 0; i < frames; i++) {
                int filled = 0;
                while (filled < frame && clip < clips.length) {
                    int n = Math.min(frame - filled, clips[clip].length - position);
                    System.arraycopy(clips[clip], position, pcm, filled, n);
                    filled += n;
                    position += n;
                    if (position >= clips[clip].length) {
                        clip++;
                        position = 0;
                    }
                }
                Arrays.fill(pcm, filled, frame, (short) 0);
                int n = encoder.encode(pcm, 0, frame, out, 0);
                if (n < 0) {
                    return null;
                }
                if (i < skip) {
                    continue;
                }
                if (length + n > data.length) {
                    data = Arrays.copyOf(data, Math.max(data.length * 2, length + n));
                }
                System.arraycopy(out, 0, data, length, n);
                length += n;
                offsets[i - skip + 1] = length;
            }
            synchronized (this) {
                framesEncoded += frames;
            }
            return new EncodedFrames(codec, key.ptimeMs(), key.opus(), Arrays.copyOf(data, length), offsets);
        } finally {
            AudioCodec.release(encoder);
        }
    }

    /** Look-ups answered from the cache. */
    public synchronized long hits() {
        return hits;
    }

    /** Look-ups that had to encode. */
    public synchronized long misses() {
        return misses;
    }

    /** Frames encoded for the cache so far (warm-up frames included). */
    public synchronized long framesEncoded() {
        return framesEncoded;
    }

    /** Entries held now. */
    public synchronized int size() {
        return entries.size();
    }

    /** Payload bytes held now. */
    public synchronized long bytes() {
        return bytes;
    }
}
