/**
 * SRTP on a leg: which keys protect it and the contexts that use them.
 *
 * <ul>
 *   <li>{@link org.voxgate.bridge.internal.srtp.SdesNegotiation}: RFC 4568 offer/answer for one
 *       audio stream (section 5.1.2: one a=crypto line in the answer, with the offer's tag; our
 *       own key from a {@code SecureRandom}; section 7.1.4: unchanged keys keep their contexts).</li>
 *   <li>{@link org.voxgate.bridge.internal.srtp.DtlsNegotiation}: RFC 5763 section 5
 *       (a=setup roles, a=fingerprint) and the RFC 5764 handshake run by
 *       {@link org.voxgate.bridge.internal.srtp.DtlsHandshakeRunner} on the leg's RTP socket,
 *       demultiplexed by first byte as RFC 7983 section 7 says.</li>
 *   <li>{@link org.voxgate.bridge.internal.srtp.LegSecurity}: the leg's
 *       {@link org.voxgate.bridge.internal.sdp.StreamSecurity}; it enforces that SDES keys travel
 *       only over secure signalling.</li>
 *   <li>{@link org.voxgate.bridge.internal.srtp.LegSrtp}: the contexts in use, protect and
 *       unprotect on the packet path (RFC 3711 section 3.3 and 3.4), refusals counted by
 *       {@link org.voxgate.srtp.SrtpStatus}.</li>
 * </ul>
 */
package org.voxgate.bridge.internal.srtp;
