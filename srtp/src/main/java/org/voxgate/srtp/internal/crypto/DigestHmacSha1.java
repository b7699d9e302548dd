package org.voxgate.srtp.internal.crypto;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA1 (RFC 2104) over a reused JCA {@code MessageDigest}: the fallback when
 * {@link JdkSha1#available()} is false. Both pad blocks are hashed again for every message (six
 * compressions for a 160-byte SRTP payload instead of four); what it avoids is
 * {@code javax.crypto.Mac}'s per-message allocation. Not thread-safe.
 */
final class DigestHmacSha1 extends HmacSha1 {
    private final MessageDigest md;
    private final byte[] ipad = new byte[BLOCK];
    /** The outer hash's whole input: opad, then the inner digest written straight behind it. */
    private final byte[] outer = new byte[BLOCK + LENGTH];
    private final byte[] word = new byte[4];
    private boolean open;

    DigestHmacSha1(byte[] key) {
        try {
            md = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
        byte[] k = key.length > BLOCK ? md.digest(key) : key;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (b ^ 0x36);
            outer[i] = (byte) (b ^ 0x5c);
        }
        if (k != key) {
            Arrays.fill(k, (byte) 0);
        }
    }

    @Override
    public void start() {
        if (open) {
            md.reset(); // a previous message was abandoned; normally finish() has reset the digest
        }
        md.update(ipad, 0, BLOCK);
        open = true;
    }

    @Override
    public void update(byte[] b, int off, int len) {
        md.update(b, off, len);
    }

    @Override
    public void updateInt(int v) {
        word[0] = (byte) (v >>> 24);
        word[1] = (byte) (v >>> 16);
        word[2] = (byte) (v >>> 8);
        word[3] = (byte) v;
        md.update(word, 0, 4);
    }

    @Override
    public void finish(byte[] out, int off) {
        try {
            md.digest(outer, BLOCK, LENGTH);
            md.update(outer, 0, BLOCK + LENGTH);
            md.digest(out, off, LENGTH);
            open = false;
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        Arrays.fill(ipad, (byte) 0);
        Arrays.fill(outer, (byte) 0);
        md.reset();
    }
}
