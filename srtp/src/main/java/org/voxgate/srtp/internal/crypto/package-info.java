/**
 * Cryptographic primitives of SRTP: the AES-CM keystream (RFC 3711 section 4.1.1), the key
 * derivation function (RFC 3711 section 4.3, RFC 6188 section 3), HMAC-SHA1 over the JDK's SHA-1
 * (RFC 2104, RFC 3711 section 4.2) and AES-GCM (RFC 7714 section 7). All reuse their
 * buffers and JCA objects: no allocation per packet.
 */
package org.voxgate.srtp.internal.crypto;
