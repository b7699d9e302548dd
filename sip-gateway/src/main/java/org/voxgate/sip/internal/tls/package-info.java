/**
 * SIP over TLS (RFC 3261 section 26.3.1, RFC 5630): the listening point's key material in the
 * form the stack loads, and the protocol and cipher-suite policy (TLS 1.2 and 1.3 only, AEAD
 * suites with forward secrecy, RFC 7525 section 4.2).
 */
package org.voxgate.sip.internal.tls;
