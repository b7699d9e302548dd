/** RTP header arithmetic the lab's generators share (RFC 3550 5.1 and appendix A.1). */
package org.voxgate.lab.rtp;
