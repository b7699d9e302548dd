/**
 * SDP media model: a strict-but-forgiving parser for session descriptions (RFC 4566), the
 * offer/answer rules of RFC 3264 for one audio stream (codec choice, direction mirroring,
 * ptime, rejected streams with port 0, o= version increments on change, late offers), RTCP
 * ports (RFC 3605) and telephone-event (RFC 4733 section 7). Transport protos include RTP over
 * TCP (RFC 4571, RFC 7850), whose a=setup / a=connection (RFC 4145) and
 * port a {@link org.voxgate.bridge.internal.sdp.StreamTransport} decides; a=ssrc ids (RFC 5576)
 * are kept for matching TCP connections. Errors are
 * {@link org.voxgate.bridge.api.SdpException}: malformed text, or 304/305 when nothing fits.
 */
package org.voxgate.bridge.internal.sdp;
