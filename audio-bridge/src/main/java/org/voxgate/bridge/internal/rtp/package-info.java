/**
 * RTP data packets (RFC 3550 section 5): parsing of untrusted datagrams into a reusable view,
 * header writing for what we send, sequence-number and timestamp wrap arithmetic
 * ({@link org.voxgate.bridge.internal.rtp.RtpSequence}), receiver statistics (RFC 3550
 * appendix A.3 and A.8), source latching for symmetric RTP, and the drop reasons that become
 * metric tags.
 */
package org.voxgate.bridge.internal.rtp;
