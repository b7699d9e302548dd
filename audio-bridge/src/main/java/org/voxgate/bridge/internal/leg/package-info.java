/**
 * Media legs: the receive path on a Netty event loop (RTP/RTCP parse, source latching, RFC 4733,
 * receiver statistics, RTCP reports, media timeout), the play-out path on a media clock thread
 * (jitter buffer, G.711 decode and concealment, in-band DTMF, prompts and tones, RTP send), and
 * the {@link org.voxgate.bridge.api.MediaLeg} facade that joins them. A leg whose session runs
 * over TCP (RFC 4571, see {@code internal.tcp}) takes its packets from its TCP link on the same
 * event loop, without source latching, and sends through the link instead of its UDP socket.
 * See docs/concurrency.md.
 */
package org.voxgate.bridge.internal.leg;
