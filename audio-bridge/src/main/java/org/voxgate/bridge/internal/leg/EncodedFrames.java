package org.voxgate.bridge.internal.leg;

import java.util.Objects;

import org.voxgate.bridge.internal.codec.AudioCodec;
import org.voxgate.bridge.internal.codec.OpusParameters;

/**
 * A prompt, tone or silence encoded once into RTP payloads of one codec, with the settings of
 * the stream it may be sent in: every leg with that (codec, ptime, Opus parameters) sends the
 * same frames instead of encoding the audio again. Immutable; shared between threads.
 *
 * <pre>
 *  data:    | frame 0 | frame 1 | ... | frame n-1 |
 *  offsets: 0         o1        o2    ...         o(n) = data.length
 * </pre>
 */
public final class EncodedFrames {
    private final AudioCodec codec;
    private final int ptimeMs;
    private final OpusParameters opus;
    private final int frameSamples;
    private final byte[] data;
    private final int[] offsets;

    /**
     * @param opus    {@link #normalise normalised} Opus parameters (null unless Opus)
     * @param offsets frame boundaries in {@code data}, n + 1 of them, rising, last = data.length
     */
    EncodedFrames(AudioCodec codec, int ptimeMs, OpusParameters opus, byte[] data, int[] offsets) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.ptimeMs = ptimeMs;
        this.opus = opus;
        this.frameSamples = codec.samplesPer(ptimeMs);
        this.data = data;
        this.offsets = offsets;
    }

    /** The Opus parameters an encoder made by {@code codec.newEncoder(opus)} really uses; null for other codecs. */
    public static OpusParameters normalise(AudioCodec codec, OpusParameters opus) {
        if (codec != AudioCodec.OPUS) {
            return null;
        }
        return opus == null ? OpusParameters.PEER_DEFAULT : opus;
    }

    /**
     * Whether these frames may go to a stream of {@code c} whose own encoder was made with
     * {@code peerOpus}, {@code samples} samples per tick.
     */
    public boolean fits(AudioCodec c, OpusParameters peerOpus, int samples) {
        return codec == c && samples == frameSamples && Objects.equals(opus, normalise(c, peerOpus));
    }

    public AudioCodec codec() {
        return codec;
    }

    public int ptimeMs() {
        return ptimeMs;
    }

    /** Samples of audio (at the codec's rate) per frame. */
    public int frameSamples() {
        return frameSamples;
    }

    /** Number of frames. */
    public int frames() {
        return offsets.length - 1;
    }

    /** The payloads back to back; read only. */
    byte[] data() {
        return data;
    }

    /** Where frame {@code i} starts in {@link #data()}. */
    int offset(int i) {
        return offsets[i];
    }

    /** Payload bytes of frame {@code i}. */
    int length(int i) {
        return offsets[i + 1] - offsets[i];
    }

    /** Bytes held (payloads and offsets), for the cache's bound. */
    long bytes() {
        return data.length + 4L * offsets.length;
    }
}
