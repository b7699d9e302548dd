package org.voxgate.bridge.internal.codec;

/**
 * Decodes RTP payloads of one stream into 16-bit PCM at {@link #sampleRateHz()}, and conceals
 * lost packets. One instance per received stream; one thread at a time; allocates nothing.
 */
public interface AudioDecoder {

    /** Rate of the PCM produced. */
    int sampleRateHz();

    /**
     * Decodes one payload.
     *
     * @return samples written at {@code pcm[pcmOffset]}, or a negative value for a payload the
     *     codec refused (treat it as lost)
     */
    int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset);

    /** Samples a payload holds, without decoding it (negative when unknown or invalid). */
    int samplesIn(byte[] payload, int offset, int length);

    /** Writes {@code samples} samples of concealment for a lost packet. */
    void conceal(short[] pcm, int offset, int samples);

    /**
     * Recovers a lost packet from the redundancy carried by the packet after it (Opus in-band
     * FEC, RFC 6716 section 2.1.7).
     *
     * @param next    the payload that followed the lost one
     * @param samples duration of the lost packet
     * @return samples written, or -1 when this codec or this packet carries no redundancy (the
     *     caller then uses {@link #conceal})
     */
    default int recover(byte[] next, int offset, int length, short[] pcm, int pcmOffset, int samples) {
        return -1;
    }

    /** Forgets all state (new SSRC, codec change). */
    void reset();
}
