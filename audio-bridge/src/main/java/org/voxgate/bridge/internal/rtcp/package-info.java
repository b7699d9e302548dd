/**
 * RTCP (RFC 3550 section 6): defensive parsing of compound packets (SR, RR, SDES, BYE; other
 * types skipped by their length) and writing of our own SR/RR + SDES CNAME compounds.
 * Round-trip time follows section 6.4.1 (LSR/DLSR).
 */
package org.voxgate.bridge.internal.rtcp;
