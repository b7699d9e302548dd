package org.voxgate.bridge.internal.sdp;

import java.net.InetSocketAddress;

import org.voxgate.bridge.internal.codec.G711;

/**
 * The outcome of one offer/answer exchange for a leg's audio stream, from our side.
 * Immutable; a leg publishes a new one after each exchange.
 *
 * @param codec               negotiated codec
 * @param payloadType         its payload type, for both directions
 * @param telephoneEventType  telephone-event payload type (RFC 4733), or -1
 * @param ptimeMs             packet duration we send and expect
 * @param direction           our direction: whether we send and whether we receive
 * @param remoteRtp           where the peer wants RTP, or null (hold with 0.0.0.0, port 0)
 * @param remoteRtcp          where the peer wants RTCP, or null
 * @param generation          increases with every exchange that changed anything
 */
public record MediaSession(G711 codec, int payloadType, int telephoneEventType, int ptimeMs,
                           Direction direction, InetSocketAddress remoteRtp, InetSocketAddress remoteRtcp,
                           long generation) {

    public int samplesPerPacket() {
        return G711.CLOCK_RATE_HZ * ptimeMs / 1000;
    }
}
