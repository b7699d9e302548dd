package org.voxgate.srtp;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import org.voxgate.srtp.internal.sdes.SdesParser;

/**
 * One SDES {@code a=crypto} attribute (RFC 4568 sections 4, 6 and 9.1):
 *
 * <pre>
 *   a=crypto:&lt;tag&gt; &lt;crypto-suite&gt; inline:&lt;base64 key||salt&gt;[|&lt;lifetime&gt;][|&lt;MKI&gt;:&lt;length&gt;][;inline:...] [&lt;session-params&gt;]
 *   a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4 UNENCRYPTED_SRTCP
 * </pre>
 *
 * Supported session parameters: UNENCRYPTED_SRTP, UNENCRYPTED_SRTCP, UNAUTHENTICATED_SRTP,
 * KDR=0 and WSH= (window size hint). Holds key material: {@link #close()} wipes it.
 */
public final class SdesCrypto implements AutoCloseable {
    /** One inline key parameter. */
    public static final class Key {
        private final byte[] keyAndSalt;
        private final String lifetime;
        private final BigInteger mkiValue;
        private final int mkiLength;

        /**
         * @param keyAndSalt master key followed by master salt (copied)
         * @param lifetime   null, a decimal number of packets, or "2^n"
         * @param mkiValue   null for no MKI
         * @param mkiLength  MKI length in bytes, 1..128 (ignored without MKI)
         */
        public Key(byte[] keyAndSalt, String lifetime, BigInteger mkiValue, int mkiLength) {
            this.keyAndSalt = keyAndSalt.clone();
            this.lifetime = lifetime;
            this.mkiValue = mkiValue;
            this.mkiLength = mkiValue == null ? 0 : mkiLength;
        }

        public byte[] keyAndSalt() { return keyAndSalt.clone(); }

        /** The lifetime as written ("2^31", "1048576"), or null. */
        public String lifetime() { return lifetime; }

        /** The lifetime in packets, or -1 when absent. */
        public long lifetimePackets() {
            if (lifetime == null) {
                return -1;
            }
            return lifetime.startsWith("2^") ? 1L << Integer.parseInt(lifetime.substring(2)) : Long.parseLong(lifetime);
        }

        public BigInteger mkiValue() { return mkiValue; }

        public int mkiLength() { return mkiLength; }

        /** The MKI as carried in packets: the value big-endian in mkiLength bytes; empty without MKI. */
        public byte[] mkiBytes() {
            if (mkiValue == null) {
                return new byte[0];
            }
            byte[] raw = mkiValue.toByteArray();
            byte[] out = new byte[mkiLength];
            int n = Math.min(raw.length, mkiLength);
            System.arraycopy(raw, raw.length - n, out, mkiLength - n, n);
            return out;
        }

        void wipe() { Arrays.fill(keyAndSalt, (byte) 0); }
    }

    private final int tag;
    private final SrtpProfile profile;
    private final List<Key> keys;
    private final boolean unencryptedSrtp;
    private final boolean unencryptedSrtcp;
    private final boolean unauthenticatedSrtp;
    private final int windowSizeHint;

    /**
     * @param windowSizeHint the WSH= value, or 0 for none
     */
    public SdesCrypto(int tag, SrtpProfile profile, List<Key> keys, boolean unencryptedSrtp,
                      boolean unencryptedSrtcp, boolean unauthenticatedSrtp, int windowSizeHint) {
        if (tag < 0 || tag > 999_999_999) {
            throw new IllegalArgumentException("tag " + tag);
        }
        this.tag = tag;
        this.profile = Objects.requireNonNull(profile);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no keys");
        }
        for (Key k : keys) {
            if (k.keyAndSalt.length != profile.masterKeyLength() + profile.masterSaltLength()) {
                throw new IllegalArgumentException("key length for " + profile);
            }
        }
        this.keys = List.copyOf(keys);
        this.unencryptedSrtp = unencryptedSrtp;
        this.unencryptedSrtcp = unencryptedSrtcp;
        this.unauthenticatedSrtp = unauthenticatedSrtp;
        this.windowSizeHint = windowSizeHint;
    }

    /** A new attribute with one fresh random key, no lifetime, no MKI, no session parameters. */
    public static SdesCrypto generate(int tag, SrtpProfile profile, SecureRandom random) {
        if (!profile.offeredByDefault()) {
            throw new IllegalArgumentException(profile + " is test-only");
        }
        byte[] k = new byte[profile.masterKeyLength() + profile.masterSaltLength()];
        random.nextBytes(k);
        try {
            return new SdesCrypto(tag, profile, List.of(new Key(k, null, null, 0)), false, false, false, 0);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    /**
     * Parses the value of an {@code a=crypto} attribute; a leading "a=crypto:" is accepted.
     *
     * @throws SdesException with the reason and character offset of the first problem
     */
    public static SdesCrypto parse(String text) throws SdesException {
        return SdesParser.parse(text);
    }

    public int tag() { return tag; }

    public SrtpProfile profile() { return profile; }

    public List<Key> keys() { return keys; }

    public boolean unencryptedSrtp() { return unencryptedSrtp; }

    public boolean unencryptedSrtcp() { return unencryptedSrtcp; }

    public boolean unauthenticatedSrtp() { return unauthenticatedSrtp; }

    /** WSH= value, or 0 when absent. */
    public int windowSizeHint() { return windowSizeHint; }

    /** The policy these parameters describe (replay window from WSH= when present and at least 64). */
    public SrtpPolicy policy() {
        SrtpPolicy p = SrtpPolicy.of(profile).withSessionParams(!unencryptedSrtp, !unencryptedSrtcp, !unauthenticatedSrtp);
        if (windowSizeHint >= 64) {
            p = p.withReplayWindow(Math.min(windowSizeHint, 32768));
        }
        return p;
    }

    /** The first key as {@link SrtpKeys}, with its lifetime and MKI (the caller closes them). */
    public SrtpKeys srtpKeys() {
        Key k = keys.get(0);
        SrtpKeys out = SrtpKeys.fromConcatenated(profile, k.keyAndSalt, k.mkiBytes());
        return k.lifetime == null ? out : out.withLifetime(k.lifetimePackets());
    }

    /** The attribute value, without "a=crypto:". */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(tag).append(' ').append(profile.name()).append(' ');
        for (int i = 0; i < keys.size(); i++) {
            Key k = keys.get(i);
            if (i > 0) {
                sb.append(';');
            }
            sb.append("inline:").append(Base64.getEncoder().encodeToString(k.keyAndSalt));
            if (k.lifetime != null) {
                sb.append('|').append(k.lifetime);
            }
            if (k.mkiValue != null) {
                sb.append('|').append(k.mkiValue).append(':').append(k.mkiLength);
            }
        }
        List<String> params = new ArrayList<>();
        if (unencryptedSrtp) {
            params.add("UNENCRYPTED_SRTP");
        }
        if (unencryptedSrtcp) {
            params.add("UNENCRYPTED_SRTCP");
        }
        if (unauthenticatedSrtp) {
            params.add("UNAUTHENTICATED_SRTP");
        }
        if (windowSizeHint > 0) {
            params.add("WSH=" + windowSizeHint);
        }
        for (String p : params) {
            sb.append(' ').append(p);
        }
        return sb.toString();
    }

    /** The whole SDP line, "a=crypto:...". */
    public String toAttributeLine() {
        return "a=crypto:" + format();
    }

    /** Wipes every key. */
    @Override
    public void close() {
        for (Key k : keys) {
            k.wipe();
        }
    }

    @Override
    public String toString() {
        return "SdesCrypto[" + tag + " " + profile + ", " + keys.size() + " key(s)]";
    }
}
