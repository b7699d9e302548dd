/**
 * Packet index arithmetic: ROC estimation (RFC 3711 section 3.3.1, Appendix A) and the replay
 * window (RFC 3711 section 3.3.2). All wrap arithmetic on sequence numbers lives here.
 */
package org.voxgate.srtp.internal.index;
