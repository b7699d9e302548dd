package org.voxgate.srtp.internal.crypto;

import java.util.Arrays;

/**
 * The SRTP key derivation function (RFC 3711 section 4.3) with the AES-CM PRF, for AES-128 and
 * AES-256 master keys (RFC 6188 section 3) and the 96-bit salts of GCM (RFC 7714 section 11),
 * which are padded with zeros on the right to 112 bits. The key derivation rate is 0, so
 * {@code r = 0} and {@code key_id = label || 0^48}:
 *
 * <pre>
 *   x  = (label &lt;&lt; 48) XOR master_salt           (both as 112-bit integers)
 *   out = AES-CM(master_key, IV = x * 2^16)[0 .. n)
 * </pre>
 */
public final class SrtpKdf implements AutoCloseable {
    /** RFC 3711 section 4.3.1 labels. */
    public static final int LABEL_RTP_ENCRYPTION = 0x00;
    public static final int LABEL_RTP_AUTH = 0x01;
    public static final int LABEL_RTP_SALT = 0x02;
    public static final int LABEL_RTCP_ENCRYPTION = 0x03;
    public static final int LABEL_RTCP_AUTH = 0x04;
    public static final int LABEL_RTCP_SALT = 0x05;

    private final AesCounterMode prf;
    private final byte[] salt = new byte[14];
    private final byte[] iv = new byte[16];

    public SrtpKdf(byte[] masterKey, byte[] masterSalt) {
        if (masterSalt.length > 14) {
            throw new IllegalArgumentException("master salt longer than 112 bits");
        }
        prf = new AesCounterMode(masterKey);
        System.arraycopy(masterSalt, 0, salt, 0, masterSalt.length);
    }

    /** Derives {@code len} bytes for {@code label}. */
    public byte[] derive(int label, int len) {
        System.arraycopy(salt, 0, iv, 0, 14);
        iv[7] ^= (byte) label;
        iv[14] = 0;
        iv[15] = 0;
        byte[] out = new byte[len];
        prf.keystream(iv, out, 0, len);
        return out;
    }

    @Override
    public void close() {
        Arrays.fill(salt, (byte) 0);
        Arrays.fill(iv, (byte) 0);
        prf.close();
    }
}
