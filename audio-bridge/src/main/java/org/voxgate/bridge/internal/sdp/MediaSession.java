package org.voxgate.bridge.internal.sdp;

import java.net.InetSocketAddress;

import org.voxgate.bridge.internal.codec.AudioCodec;
import org.voxgate.bridge.internal.codec.OpusParameters;

/**
 * The outcome of one offer/answer exchange for a leg's audio stream, from our side.
 * Immutable; a leg publishes a new one after each exchange.
 *
 * @param codec               negotiated codec
 * @param payloadType         its payload type, for both directions
 * @param telephoneEventType  telephone-event payload type (RFC 4733), or -1
 * @param ptimeMs             packet duration the peer asked for (10 to 60 ms)
 * @param direction           our direction: whether we send and whether we receive
 * @param remoteRtp           where the peer wants RTP, or null (hold with 0.0.0.0, port 0)
 * @param remoteRtcp          where the peer wants RTCP, or null
 * @param generation          increases with every exchange that changed anything
 * @param peerOpus            the peer's Opus fmtp (how it wants to receive); null unless Opus
 * @param telephoneEventClockRateHz clock of the telephone-event payload type (8000, or the audio
 *                            codec's, e.g. 48000 with Opus)
 */
public record MediaSession(AudioCodec codec, int payloadType, int telephoneEventType, int ptimeMs,
                           Direction direction, InetSocketAddress remoteRtp, InetSocketAddress remoteRtcp,
                           long generation, OpusParameters peerOpus, int telephoneEventClockRateHz) {

    /** Samples of audio (at the codec's audio rate) in one packet of {@link #ptimeMs}. */
    public int samplesPerPacket() {
        return codec.samplesPer(ptimeMs);
    }
}
