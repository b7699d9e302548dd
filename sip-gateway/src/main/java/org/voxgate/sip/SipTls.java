package org.voxgate.sip;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The identity of the SIP-TLS listening point (RFC 3261 section 26.3.1; RFC 5630 for sips:):
 * our private key and certificate chain, leaf first. The server loads them from configured PEM
 * files or a self-signed pair in its data directory.
 *
 * @param privateKey the key of {@code chain.get(0)}
 * @param chain      certificate chain, leaf first, not empty
 */
public record SipTls(PrivateKey privateKey, List<X509Certificate> chain) {
    public SipTls {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain must hold at least the leaf certificate");
        }
    }

    @Override
    public String toString() {
        return "SipTls[" + chain.get(0).getSubjectX500Principal() + "]"; // never the key
    }
}
