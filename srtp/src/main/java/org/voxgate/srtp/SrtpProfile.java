package org.voxgate.srtp;

/**
 * SRTP protection profiles by their IANA / SDES names (RFC 4568 section 6.2, RFC 6188 section 7,
 * RFC 7714 section 14), with the DTLS-SRTP protection profile id of RFC 5764 section 4.1.2 where
 * one exists (0 where none does).
 *
 * <p>For the {@code _32} profiles only SRTP uses a 32-bit tag; SRTCP keeps the 80-bit tag
 * (RFC 4568 section 6.2.2, RFC 5764 section 4.1.2), as libsrtp does.
 *
 * <p>The {@code NULL_*} profiles encrypt nothing; they exist for tests and are never offered by
 * default ({@link #offeredByDefault()} is false).
 */
public enum SrtpProfile {
    AES_CM_128_HMAC_SHA1_80(Cipher.AES_CM, 16, 14, 10, 10, 0x0001, true),
    AES_CM_128_HMAC_SHA1_32(Cipher.AES_CM, 16, 14, 4, 10, 0x0002, true),
    AES_256_CM_HMAC_SHA1_80(Cipher.AES_CM, 32, 14, 10, 10, 0, true),
    AES_256_CM_HMAC_SHA1_32(Cipher.AES_CM, 32, 14, 4, 10, 0, true),
    AEAD_AES_128_GCM(Cipher.AES_GCM, 16, 12, 16, 16, 0x0007, true),
    AEAD_AES_256_GCM(Cipher.AES_GCM, 32, 12, 16, 16, 0x0008, true),
    /** Test only: no encryption, HMAC-SHA1 80-bit tag (libsrtp's null_sha1_80). */
    NULL_HMAC_SHA1_80(Cipher.NULL, 16, 14, 10, 10, 0x0005, false),
    /** Test only: no encryption, HMAC-SHA1 32-bit SRTP tag. */
    NULL_HMAC_SHA1_32(Cipher.NULL, 16, 14, 4, 10, 0x0006, false);

    /** The cipher family of a profile. */
    public enum Cipher { AES_CM, AES_GCM, NULL }

    private final Cipher cipher;
    private final int masterKeyLength;
    private final int masterSaltLength;
    private final int rtpTagLength;
    private final int rtcpTagLength;
    private final int dtlsProfileId;
    private final boolean offeredByDefault;

    SrtpProfile(Cipher cipher, int masterKeyLength, int masterSaltLength, int rtpTagLength,
                int rtcpTagLength, int dtlsProfileId, boolean offeredByDefault) {
        this.cipher = cipher;
        this.masterKeyLength = masterKeyLength;
        this.masterSaltLength = masterSaltLength;
        this.rtpTagLength = rtpTagLength;
        this.rtcpTagLength = rtcpTagLength;
        this.dtlsProfileId = dtlsProfileId;
        this.offeredByDefault = offeredByDefault;
    }

    public Cipher cipher() { return cipher; }

    public boolean isAead() { return cipher == Cipher.AES_GCM; }

    /** Master key length in bytes (16 or 32). */
    public int masterKeyLength() { return masterKeyLength; }

    /** Master salt length in bytes (14 for counter mode, 12 for GCM). */
    public int masterSaltLength() { return masterSaltLength; }

    /** Session encryption key length in bytes (equals the master key length). */
    public int sessionKeyLength() { return masterKeyLength; }

    /** Session authentication key length in bytes: 20 for HMAC-SHA1, 0 for AEAD. */
    public int sessionAuthKeyLength() { return isAead() ? 0 : 20; }

    /** SRTP authentication tag length in bytes. */
    public int rtpTagLength() { return rtpTagLength; }

    /** SRTCP authentication tag length in bytes. */
    public int rtcpTagLength() { return rtcpTagLength; }

    /** DTLS-SRTP protection profile id (RFC 5764 section 4.1.2, RFC 7714 section 14.2), or 0. */
    public int dtlsProfileId() { return dtlsProfileId; }

    /** False for the test-only NULL profiles. */
    public boolean offeredByDefault() { return offeredByDefault; }

    /** The profile with this SDES crypto-suite name, or null. */
    public static SrtpProfile forSdesName(String name) {
        for (SrtpProfile p : values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** The profile with this DTLS-SRTP id, or null. */
    public static SrtpProfile forDtlsProfileId(int id) {
        for (SrtpProfile p : values()) {
            if (p.dtlsProfileId != 0 && p.dtlsProfileId == id) {
                return p;
            }
        }
        return null;
    }
}
