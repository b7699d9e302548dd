/**
 * {@code voxgate lab quality}: audio quality through a real call into a Voxgate node. Caller A
 * sends known signals (a linear chirp for delay by cross-correlation, the 1004 Hz test tone of
 * ITU-T O.41 for SNR and THD), under impairments the tool applies to its own stream (random
 * loss, Gilbert-Elliott burst loss, jitter, reordering); caller B in the same meeting records
 * what the node mixes for it. Access codes go in as RFC 4733 events and as in-band DTMF
 * (ITU-T Q.23). The ITU-T G.107 E-model turns the measured delay and loss into R and MOS, with
 * the codec's Ie and Bpl from ITU-T G.113 Appendix I. The same measurement over a direct RTP
 * loopback without the node is the reference.
 */
package org.voxgate.lab.quality;
