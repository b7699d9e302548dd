/**
 * UDP transport for RTP and RTCP on Netty: one event loop group (epoll when available, NIO
 * otherwise; the TCP media port of {@code internal.tcp} shares it) and the allocator of RTP/RTCP
 * port pairs (RFC 3550 section 11: RTP on an even port, RTCP on the next odd one).
 */
package org.voxgate.bridge.internal.transport;
