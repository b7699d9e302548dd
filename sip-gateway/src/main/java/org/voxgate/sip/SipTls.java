package org.voxgate.sip;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * SIP over TLS (RFC 3261 section 26.3.1; RFC 5630 for sips:): the identity of our listening
 * point — private key and certificate chain, leaf first — and the trust anchors that verify
 * the certificates of carriers we connect to (registration and calls on TLS trunks). The
 * server loads them from configured PEM files (or a self-signed pair in its data directory).
 *
 * @param privateKey   the key of {@code chain.get(0)}
 * @param chain        certificate chain, leaf first, not empty
 * @param trustAnchors CA certificates a carrier's chain must lead to; empty: the JDK's default
 *                     trust store (cacerts). The carrier's certificate must also name the trunk's
 *                     host (subjectAltName dNSName or iPAddress, RFC 5922 section 7.2)
 */
public record SipTls(PrivateKey privateKey, List<X509Certificate> chain, List<X509Certificate> trustAnchors) {
    public SipTls {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        trustAnchors = trustAnchors == null ? List.of() : List.copyOf(trustAnchors);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain must hold at least the leaf certificate");
        }
    }

    /** An identity that trusts the JDK's default CAs toward carriers. */
    public SipTls(PrivateKey privateKey, List<X509Certificate> chain) {
        this(privateKey, chain, List.of());
    }

    /** A copy that trusts only {@code anchors} toward carriers (empty: the JDK's defaults). */
    public SipTls withTrustAnchors(List<X509Certificate> anchors) {
        return new SipTls(privateKey, chain, anchors);
    }

    @Override
    public String toString() {
        return "SipTls[" + chain.get(0).getSubjectX500Principal() + ", " + (trustAnchors.isEmpty()
                ? "JDK trust store" : trustAnchors.size() + " trust anchor(s)") + "]"; // never the key
    }
}
