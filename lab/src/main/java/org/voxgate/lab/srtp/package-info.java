/** JMH benchmarks of SRTP: Voxgate's srtp module, jitsi-srtp, and libsrtp through a C harness. */
package org.voxgate.lab.srtp;
