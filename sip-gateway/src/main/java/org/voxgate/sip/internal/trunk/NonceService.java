package org.voxgate.sip.internal.trunk;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server-made Digest nonces (RFC 7616 section 3.3 leaves their form to the server) and the
 * nonce-count replay check (RFC 7616 section 3.4: the server should refuse an nc it has seen).
 *
 * <pre>
 *   nonce = base64url( issuedMs(8) | random(8) | HMAC-SHA256(key, issuedMs | random)[0..16) )
 *                      └──────────── 32 bytes, 43 characters, no padding ────────────┘
 * </pre>
 *
 * The key is drawn per process, so nonces of another node or an earlier run are FORGED (the
 * client is challenged afresh). A nonce older than {@link #LIFETIME_MS} is STALE (answer with
 * stale=TRUE, RFC 7616 section 3.3). The highest nc seen per nonce is kept for at most
 * {@link #MAX_TRACKED} nonces; when one is forgotten early (a flood of first uses), every nonce
 * issued up to it is treated as stale from then on, so forgetting never opens a replay.
 *
 * <p>Steps, in the order of SRTP replay protection: {@link #check} (read only) before the
 * response is verified, {@link #commit} after. Thread-safe.
 */
public final class NonceService {
    /** How long a nonce stays fresh. */
    public static final long LIFETIME_MS = 300_000;
    static final int MAX_TRACKED = 10_000;
    private static final int MAC_BYTES = 16;
    private static final int NONCE_BYTES = 8 + 8 + MAC_BYTES;

    /** What a nonce from a client is worth. */
    public enum Status { FRESH, STALE, FORGED, REPLAY }

    private final LongSupplier clockMs;
    private final SecureRandom random;
    private final SecretKeySpec key;
    private final Map<String, Long> highestNc = new LinkedHashMap<>();
    private long forgottenUpToMs = Long.MIN_VALUE;

    public NonceService(LongSupplier clockMs, SecureRandom random) {
        this.clockMs = clockMs;
        this.random = random;
        byte[] k = new byte[32];
        random.nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
    }

    /** A fresh nonce. */
    public String issue() {
        ByteBuffer b = ByteBuffer.allocate(NONCE_BYTES);
        b.putLong(clockMs.getAsLong());
        byte[] r = new byte[8];
        random.nextBytes(r);
        b.put(r);
        b.put(mac(b.array(), 16), 0, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /**
     * Step 1 (read only): whether {@code nonce} is ours and fresh, and {@code nc} is above every
     * nc already accepted for it.
     *
     * @param nc the nonce count (1 for a client that sends none: such a nonce serves once)
     */
    public Status check(String nonce, long nc) {
        long issued = issuedMs(nonce);
        if (issued == Long.MIN_VALUE) {
            return Status.FORGED;
        }
        long now = clockMs.getAsLong();
        if (issued > now || now - issued > LIFETIME_MS) {
            return Status.STALE;
        }
        synchronized (this) {
            Long high = highestNc.get(nonce);
            if (high == null && issued <= forgottenUpToMs) {
                return Status.STALE;
            }
            return high != null && nc <= high ? Status.REPLAY : Status.FRESH;
        }
    }

    /**
     * Step 2, after the response verified: records {@code nc}; REPLAY when another request with
     * the same or a higher nc won the race meanwhile, else FRESH.
     */
    public synchronized Status commit(String nonce, long nc) {
        Long high = highestNc.get(nonce);
        if (high != null && nc <= high) {
            return Status.REPLAY;
        }
        if (high == null && issuedMs(nonce) <= forgottenUpToMs) {
            return Status.STALE;
        }
        highestNc.put(nonce, nc);
        evict();
        return Status.FRESH;
    }

    private void evict() {
        long now = clockMs.getAsLong();
        Iterator<Map.Entry<String, Long>> it = highestNc.entrySet().iterator();
        while (it.hasNext()) {
            String n = it.next().getKey();
            long issued = issuedMs(n);
            boolean expired = now - issued > LIFETIME_MS;
            if (!expired && highestNc.size() <= MAX_TRACKED) {
                break; // first uses arrive roughly in issue order: the oldest sit in front
            }
            if (!expired) {
                forgottenUpToMs = Math.max(forgottenUpToMs, issued);
            }
            it.remove();
        }
    }

    /** Nonces whose nc is being tracked (for tests and metrics). */
    public synchronized int tracked() {
        return highestNc.size();
    }

    /** The issue time of a nonce we made, or Long.MIN_VALUE when it is not ours or malformed. */
    private long issuedMs(String nonce) {
        if (nonce == null || nonce.length() != 43) {
            return Long.MIN_VALUE;
        }
        byte[] b;
        try {
            b = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return Long.MIN_VALUE;
        }
        if (b.length != NONCE_BYTES) {
            return Long.MIN_VALUE;
        }
        byte[] expected = mac(b, 16);
        byte[] got = new byte[MAC_BYTES];
        System.arraycopy(b, 16, got, 0, MAC_BYTES);
        byte[] want = new byte[MAC_BYTES];
        System.arraycopy(expected, 0, want, 0, MAC_BYTES);
        if (!MessageDigest.isEqual(want, got)) {
            return Long.MIN_VALUE;
        }
        return ByteBuffer.wrap(b, 0, 8).getLong();
    }

    private byte[] mac(byte[] data, int len) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            m.update(data, 0, len);
            return m.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
        }
    }
}
