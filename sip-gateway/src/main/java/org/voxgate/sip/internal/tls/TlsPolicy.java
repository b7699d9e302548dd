package org.voxgate.sip.internal.tls;

import java.util.List;

/** What the SIP-TLS listening point accepts (RFC 7525 sections 3.1.1 and 4.2). */
public final class TlsPolicy {
    /** TLS 1.2 and 1.3 only: "Implementations MUST NOT negotiate TLS version 1.0/1.1" (RFC 8996). */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** TLS 1.3 suites, then TLS 1.2 ECDHE suites with AEAD ciphers (RFC 7525 section 4.2). */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsPolicy() {}
}
