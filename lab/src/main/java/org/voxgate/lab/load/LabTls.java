package org.voxgate.lab.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS client context of the load generator's SIP-TLS connection. This is a lab tool aimed at
 * your own node: by default it trusts ANY certificate (the node's default certificate is
 * self-signed and generated in its data directory), which authenticates nothing and must never
 * be copied into anything that talks to a third party. Give a PEM file to check the node's
 * certificate against it instead.
 */
final class LabTls {
    private LabTls() {}

    /**
     * @param trustPem PEM file of the certificate(s) to trust (the node's own self-signed one or its
     *                 CA), or null to trust any certificate
     */
    static SSLContext clientContext(Path trustPem) throws IOException, GeneralSecurityException {
        TrustManager[] trust;
        if (trustPem == null) {
            trust = new TrustManager[] {new TrustAnything()};
        } else {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            try (InputStream in = Files.newInputStream(trustPem)) {
                int i = 0;
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    ks.setCertificateEntry("trusted-" + i++, c);
                }
                if (i == 0) {
                    throw new GeneralSecurityException("no certificate in " + trustPem);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            trust = tmf.getTrustManagers();
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, trust, new SecureRandom());
        return ctx;
    }

    /** Lab only: accepts every server certificate (see the class comment). */
    private static final class TrustAnything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // deliberately trusts any node certificate: lab tool against your own node
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
