package org.voxgate.srtp.internal.crypto;

import java.util.Arrays;

import javax.crypto.SecretKey;

/**
 * An AES key for the JCA that we can wipe: unlike {@code SecretKeySpec} on Java 17, whose copy
 * of the key stays on the heap until collected, {@link #destroy()} zeroes our copy. Providers
 * receive clones through {@link #getEncoded()}; the ciphers holding them are re-keyed with zeros
 * on close.
 */
final class WipeableKey implements SecretKey {
    private static final long serialVersionUID = 1L;

    private final byte[] key;
    private boolean destroyed;

    WipeableKey(byte[] key) {
        this.key = key.clone();
    }

    @Override
    public String getAlgorithm() {
        return "AES";
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    @Override
    public byte[] getEncoded() {
        if (destroyed) {
            throw new IllegalStateException("key destroyed");
        }
        return key.clone();
    }

    @Override
    public void destroy() {
        Arrays.fill(key, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }
}
