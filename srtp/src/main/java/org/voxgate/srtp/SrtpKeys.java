package org.voxgate.srtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * One SRTP master key, its master salt and optional MKI (RFC 3711 section 3.2.1). The arrays
 * given are copied; {@link #close()} overwrites the copies with zeros. A context derives its
 * session keys from these at creation and keeps no reference to this object, so the caller may
 * close it right after creating its contexts.
 *
 * <p>Not thread-safe; typically created, used to build contexts and closed by one thread.
 */
public final class SrtpKeys implements AutoCloseable {
    private final byte[] masterKey;
    private final byte[] masterSalt;
    private final byte[] mki;
    private long lifetimePackets = -1;
    private boolean closed;

    /**
     * @param masterKey  16 or 32 bytes, as the profile requires
     * @param masterSalt 14 bytes (counter mode) or 12 bytes (GCM)
     * @param mki        the master key identifier carried in each packet, or null / empty for none
     *                   (at most 128 bytes)
     */
    public SrtpKeys(byte[] masterKey, byte[] masterSalt, byte[] mki) {
        this.masterKey = Objects.requireNonNull(masterKey, "masterKey").clone();
        this.masterSalt = Objects.requireNonNull(masterSalt, "masterSalt").clone();
        this.mki = mki == null ? new byte[0] : mki.clone();
        if (this.mki.length > 128) {
            throw new IllegalArgumentException("MKI longer than 128 bytes");
        }
    }

    public SrtpKeys(byte[] masterKey, byte[] masterSalt) {
        this(masterKey, masterSalt, null);
    }

    /**
     * Splits key||salt as SDES inline and DTLS-SRTP exporters deliver them.
     *
     * @throws IllegalArgumentException if the length does not match the profile
     */
    public static SrtpKeys fromConcatenated(SrtpProfile profile, byte[] keyAndSalt, byte[] mki) {
        int k = profile.masterKeyLength();
        int s = profile.masterSaltLength();
        if (keyAndSalt.length != k + s) {
            throw new IllegalArgumentException("need " + (k + s) + " bytes of key and salt for " + profile
                    + ", got " + keyAndSalt.length);
        }
        byte[] key = Arrays.copyOfRange(keyAndSalt, 0, k);
        byte[] salt = Arrays.copyOfRange(keyAndSalt, k, k + s);
        try {
            return new SrtpKeys(key, salt, mki);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(salt, (byte) 0);
        }
    }

    /** Checks the lengths against a profile. */
    void checkFor(SrtpProfile profile) {
        checkOpen();
        if (masterKey.length != profile.masterKeyLength()) {
            throw new IllegalArgumentException(profile + " needs a " + profile.masterKeyLength()
                    + "-byte master key, got " + masterKey.length);
        }
        if (masterSalt.length != profile.masterSaltLength()) {
            throw new IllegalArgumentException(profile + " needs a " + profile.masterSaltLength()
                    + "-byte master salt, got " + masterSalt.length);
        }
    }

    /** A copy of the master key; the caller wipes it. */
    public byte[] masterKey() { checkOpen(); return masterKey.clone(); }

    /** A copy of the master salt; the caller wipes it. */
    public byte[] masterSalt() { checkOpen(); return masterSalt.clone(); }

    /** A copy of the MKI (empty when none). */
    public byte[] mki() { checkOpen(); return mki.clone(); }

    /**
     * Sets the master key lifetime signalled with the key (RFC 4568 section 6.1, e.g. "2^31"):
     * contexts built from these keys protect at most this many SRTP packets and this many SRTCP
     * packets, then answer {@link SrtpStatus#KEY_EXPIRED}. Returns this.
     *
     * @param packets a positive count, or -1 for none (the RFC 3711 limits still apply)
     */
    public SrtpKeys withLifetime(long packets) {
        if (packets == 0 || packets < -1) {
            throw new IllegalArgumentException("lifetime " + packets);
        }
        this.lifetimePackets = packets;
        return this;
    }

    /** The lifetime in packets, or -1 when none was set. */
    public long lifetimePackets() { return lifetimePackets; }

    byte[] masterKeyRef() { return masterKey; }

    byte[] masterSaltRef() { return masterSalt; }

    byte[] mkiRef() { return mki; }

    public boolean isClosed() { return closed; }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("keys closed");
        }
    }

    /** Overwrites key, salt and MKI with zeros. Idempotent. */
    @Override
    public void close() {
        Arrays.fill(masterKey, (byte) 0);
        Arrays.fill(masterSalt, (byte) 0);
        Arrays.fill(mki, (byte) 0);
        closed = true;
    }

    @Override
    public String toString() {
        return "SrtpKeys[" + masterKey.length * 8 + "-bit key, mki " + mki.length + " bytes"
                + (closed ? ", closed" : "") + "]";
    }
}
