package org.voxgate.srtp;

import java.util.Arrays;

/**
 * What SRTP needs from a DTLS-SRTP handshake (RFC 5764 section 4.2): the negotiated profile,
 * the side, and the TLS exporter. SRTP depends only on this interface, never on the DTLS stack.
 *
 * <pre>
 *   key material = EXPORTER("EXTRACTOR-dtls_srtp", 2 * (key + salt) bytes):
 *   | client_write_SRTP_master_key | server_write_SRTP_master_key |
 *   | client_write_SRTP_master_salt | server_write_SRTP_master_salt |
 * </pre>
 */
public interface KeyingMaterialExporter {
    /** The exporter label of RFC 5764 section 4.2. */
    String DTLS_SRTP_LABEL = "EXTRACTOR-dtls_srtp";

    /** The profile the handshake negotiated. */
    SrtpProfile profile();

    /** True on the DTLS client side. */
    boolean isClient();

    /** The TLS exporter (RFC 5705) with no context value. */
    byte[] exportKeyingMaterial(String label, int length);

    /** Keys this side protects with (client_write_* on the client). The caller closes them. */
    default SrtpKeys localKeys() {
        return keys(isClient());
    }

    /** Keys the peer protects with, for unprotecting. The caller closes them. */
    default SrtpKeys remoteKeys() {
        return keys(!isClient());
    }

    private SrtpKeys keys(boolean client) {
        SrtpProfile p = profile();
        int k = p.masterKeyLength();
        int s = p.masterSaltLength();
        byte[] m = exportKeyingMaterial(DTLS_SRTP_LABEL, 2 * (k + s));
        byte[] key = Arrays.copyOfRange(m, client ? 0 : k, client ? k : 2 * k);
        byte[] salt = Arrays.copyOfRange(m, 2 * k + (client ? 0 : s), 2 * k + (client ? s : 2 * s));
        try {
            return new SrtpKeys(key, salt);
        } finally {
            Arrays.fill(m, (byte) 0);
            Arrays.fill(key, (byte) 0);
            Arrays.fill(salt, (byte) 0);
        }
    }
}
