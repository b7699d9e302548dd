/**
 * Media legs: the receive path on a Netty event loop (RTP/RTCP parse, source latching, RFC 4733,
 * receiver statistics, RTCP reports, media timeout), the play-out path on a media clock thread
 * (jitter buffer, G.711 decode and concealment, in-band DTMF, prompts and tones, RTP send), and
 * the {@link org.voxgate.bridge.api.MediaLeg} facade that joins them. See docs/concurrency.md.
 */
package org.voxgate.bridge.internal.leg;
