/**
 * Cryptographic primitives of SRTP: the AES-CM keystream (RFC 3711 section 4.1.1), the key
 * derivation function (RFC 3711 section 4.3, RFC 6188 section 3), HMAC-SHA1 (RFC 2104, RFC 3711
 * section 4.2) and AES-GCM (RFC 7714 section 7, NIST SP 800-38D). All reuse their buffers and JCA
 * objects: no allocation per packet.
 *
 * <p>Two of them reach into the JDK when the JVM opens the package to us, and fall back to plain
 * JCA code otherwise (logged once at INFO, tested both ways):
 * <ul>
 * <li>{@code JdkSha1} ({@code --add-opens
 * java.base/sun.security.provider=ALL-UNNAMED}): the SHA-1 compression function with a
 * restorable state, for HMAC with precomputed pad states (RFC 2104 section 4);
 * <li>{@code JdkGhash} ({@code --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED}): the
 * JDK's GHASH, which the JIT turns into carry-less multiplication.
 * </ul>
 */
package org.voxgate.srtp.internal.crypto;
