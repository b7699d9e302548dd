/**
 * SRTP and SRTCP (RFC 3711; AES-256 counter mode of RFC 6188; AEAD AES-GCM of RFC 7714), SDES
 * {@code a=crypto} (RFC 4568) and DTLS-SRTP (RFC 5764, RFC 5763).
 *
 * <p>Entry points: {@link org.voxgate.srtp.SrtpProfile}, {@link org.voxgate.srtp.SrtpPolicy},
 * {@link org.voxgate.srtp.SrtpKeys} (wiped on close), {@link org.voxgate.srtp.SrtpContext}
 * ({@code forSending} / {@code forReceiving}; {@code protect}, {@code unprotect},
 * {@code protectRtcp}, {@code unprotectRtcp} returning {@link org.voxgate.srtp.SrtpStatus}),
 * {@link org.voxgate.srtp.SrtpPacket} (caller-owned slice), {@link org.voxgate.srtp.SdesCrypto},
 * {@link org.voxgate.srtp.DtlsSrtpSession} behind {@link org.voxgate.srtp.KeyingMaterialExporter}.
 *
 * <p>A context is used by one thread at a time. Buffers belong to the caller; nothing is kept
 * after a call.
 */
package org.voxgate.srtp;
