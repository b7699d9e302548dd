package org.voxgate.srtp.internal.crypto;

/**
 * HMAC-SHA1 (RFC 2104, RFC 3711 section 4.2) with no allocation per message. Not thread-safe.
 *
 * <p>{@link #create} picks one of two implementations, once per JVM:
 * <ul>
 * <li>{@link PadStateHmacSha1}: the SHA-1 states after the ipad and opad blocks are computed
 * once per key and restored for each message, over the JDK's own compression function (so the
 * CPU's SHA extensions still do the work). Four compressions for a 160-byte SRTP payload. Needs
 * {@code --add-opens java.base/sun.security.provider=ALL-UNNAMED} ({@link JdkSha1}).
 * <li>{@link DigestHmacSha1}: a reused {@code MessageDigest} that hashes both pads again for
 * every message: six compressions.
 * </ul>
 * Other ways to restore a SHA-1 state were measured and rejected: {@code MessageDigest.clone()}
 * allocates 416 bytes per packet; {@code sun.misc.Unsafe} is terminally deprecated on JDK 25;
 * SHA-1 in Java costs ~280 ns per block here against ~35 ns for the intrinsic.
 *
 * <p>Use: {@link #start()}, {@link #update} / {@link #updateInt}, {@link #finish}; a message
 * abandoned before {@code finish} is discarded by the next {@code start}.
 */
public abstract class HmacSha1 implements AutoCloseable {
    /** Bytes of the MAC ({@link #finish} writes all of them; SRTP truncates). */
    public static final int LENGTH = 20;
    static final int BLOCK = 64;

    HmacSha1() {
    }

    /**
     * The faster implementation this JVM allows.
     *
     * @param key the authentication key (any length; SRTP uses 20 bytes); copied
     */
    public static HmacSha1 create(byte[] key) {
        return JdkSha1.available() ? new PadStateHmacSha1(key) : new DigestHmacSha1(key);
    }

    /** The {@code MessageDigest} implementation, whatever the JVM allows (tests, benchmarks). */
    public static HmacSha1 overMessageDigest(byte[] key) {
        return new DigestHmacSha1(key);
    }

    /**
     * The precomputed-pad implementation.
     *
     * @throws IllegalStateException when {@link #padStatesAvailable()} is false
     */
    public static HmacSha1 withPadStates(byte[] key) {
        return new PadStateHmacSha1(key);
    }

    /** Whether {@link #create} returns the precomputed-pad implementation. */
    public static boolean padStatesAvailable() {
        return JdkSha1.available();
    }

    /** Begins a message. */
    public abstract void start();

    /** Hashes {@code b[off..off+len)}. */
    public abstract void update(byte[] b, int off, int len);

    /** Hashes {@code v} as four big-endian bytes (the ROC of RFC 3711 section 4.2). */
    public abstract void updateInt(int v);

    /** Writes the 20-byte MAC to {@code out[off..off+20)} and ends the message. */
    public abstract void finish(byte[] out, int off);

    /** Overwrites the key material (pads or pad states, buffers) with zeros. */
    @Override
    public abstract void close();
}
