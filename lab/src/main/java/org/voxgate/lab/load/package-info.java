/**
 * {@code voxgate lab load}: a load generator with its own SIP user agent client (RFC 3261
 * INVITE/ACK/BYE over UDP, section 17.1 retransmissions, or over one TLS connection with
 * section 18.3 Content-Length framing) and RTP endpoints (RFC 3550 at 20 ms in one codec: PCMU or
 * PCMA, ITU-T G.711, or Opus, RFC 6716 and RFC 7587, with payload types from the answer, RFC 3264
 * section 6.1; access codes as RFC 4733 events at the codec's clock; optionally SRTP, RFC 3711,
 * keyed by SDES a=crypto, RFC 4568), that places calls into meetings on a Voxgate node and
 * reports set-up times, failures, per-leg loss and interarrival jitter (RFC 3550 section 6.4.1
 * and appendix A.8) as it measures them, next to the node's own figures from {@code /metrics}.
 */
package org.voxgate.lab.load;
