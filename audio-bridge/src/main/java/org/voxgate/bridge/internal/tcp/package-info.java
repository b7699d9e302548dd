/**
 * RTP and RTCP over TCP and TLS for legs whose networks block UDP.
 *
 * <ul>
 *   <li>RFC 4571 section 2: the 16-bit length framing ({@link org.voxgate.bridge.internal.tcp.Rfc4571Deframer},
 *       {@link org.voxgate.bridge.internal.tcp.Rfc4571Framer}); RFC 4571 and RFC 7850:
 *       section 3: the TCP/RTP/AVP, TCP/RTP/SAVP(F) and TCP/TLS/RTP/AVP(F) protos.</li>
 *   <li>RFC 4145 sections 4 and 5: a=setup roles (we are passive to active/actpass offers,
 *       active to passive ones; holdconn refused) and a=connection new/existing
 *       ({@link org.voxgate.bridge.internal.tcp.TcpNegotiation}).</li>
 *   <li>RFC 8122 section 5 (was RFC 4572): our certificate's a=fingerprint on TLS answers.</li>
 *   <li>RFC 5761 section 4: RTP and RTCP multiplexed on one connection, told apart by payload
 *       type (a=rtcp-mux in the answer).</li>
 *   <li>One shared listening port ({@link org.voxgate.bridge.internal.tcp.TcpMediaServer}), plain
 *       and TLS 1.2/1.3 told apart by the first byte; incoming connections are given to waiting
 *       legs by {@link org.voxgate.bridge.internal.tcp.PendingTcpLegs} (c= address, a=ssrc).</li>
 *   <li>Threads: a connection's handler runs on its Netty event loop; packets reach the leg's own
 *       event loop through a bounded ring in {@link org.voxgate.bridge.internal.tcp.TcpMediaLink};
 *       the mixer's packets go out through a bounded per-connection queue that drops (and counts)
 *       rather than wait ({@link org.voxgate.bridge.internal.tcp.TcpMediaConnection}).</li>
 * </ul>
 */
package org.voxgate.bridge.internal.tcp;
