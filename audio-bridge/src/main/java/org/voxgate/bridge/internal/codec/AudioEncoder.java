package org.voxgate.bridge.internal.codec;

/**
 * Encodes 16-bit PCM at the codec's sample rate into RTP payloads. Stateful implementations
 * (G.722, Opus) belong to one output stream; stateless ones (G.711, L16) may be shared.
 * One thread at a time; {@link #encode} allocates nothing.
 */
public interface AudioEncoder {

    /** Rate of the PCM {@link #encode} takes. */
    int sampleRateHz();

    /**
     * Encodes one frame.
     *
     * @param samples a whole frame of the codec (10, 20, 30, 40 or 60 ms; even for G.722)
     * @return payload bytes written at {@code out[outOffset]}, or a negative value when the
     *     codec refused the frame (nothing should be sent)
     */
    int encode(short[] pcm, int offset, int samples, byte[] out, int outOffset);

    /** Largest payload one {@link #encode} of {@code samples} samples writes. */
    int maxPayloadBytes(int samples);

    /** Forgets all state (new stream). */
    void reset();
}
