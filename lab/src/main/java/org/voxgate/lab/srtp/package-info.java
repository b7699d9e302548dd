/**
 * JMH benchmarks of SRTP: Voxgate's srtp module, jitsi-srtp, and libsrtp through a C harness;
 * {@link org.voxgate.lab.srtp.SrtpCpuTime} times the same work in thread CPU time.
 */
package org.voxgate.lab.srtp;
