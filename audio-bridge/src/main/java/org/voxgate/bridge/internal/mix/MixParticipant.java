package org.voxgate.bridge.internal.mix;

/**
 * What the mixer needs from one conference participant. Called only on the conference's
 * mixer thread, once per tick, never concurrently.
 */
public interface MixParticipant {

    /**
     * Fills {@code frame} (exactly samplesPerFrame samples at the mix rate) with this
     * participant's decoded audio for this tick: from its jitter buffer, concealed when a packet
     * is missing, resampled to the mix rate.
     *
     * @return false when there is nothing to contribute this tick (muted, no media, hold);
     *     {@code frame} is then left unspecified
     */
    boolean readFrame(short[] frame);

    /** The encoder of this participant's negotiated codec at the mix rate. */
    FrameEncoder encoder();

    /** Whether this participant wants to receive audio now (false when on hold, inactive). */
    boolean receiving();

    /**
     * Takes this participant's encoded output for this tick; the bytes are valid only during
     * the call (the array may be shared with other listeners of the same codec), so the
     * participant copies them into its outgoing packet.
     */
    void writeFrame(byte[] payload, int offset, int length);
}
