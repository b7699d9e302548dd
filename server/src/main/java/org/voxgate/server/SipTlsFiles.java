package org.voxgate.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.voxgate.server.admin.TlsCertificate;
import org.voxgate.sip.SipTls;

/**
 * The SIP-TLS identity from the settings {@code sip.tlsCertFile}/{@code sip.tlsKeyFile}, or a
 * self-signed pair generated on first start into {@code <dataDir>/sip-tls/} by the same code as
 * the admin API's ({@link TlsCertificate}).
 */
final class SipTlsFiles {
    static final String DIR = "sip-tls";

    private SipTlsFiles() {}

    static SipTls load(String certFile, String keyFile, Path dataDir, List<String> names) throws IOException {
        TlsCertificate files = TlsCertificate.load(certFile, keyFile, dataDir, DIR, "sip", names);
        return new SipTls(privateKey(files.keyFile()), chain(files.certFile()));
    }

    /**
     * The CA certificates of {@code sip.tlsTrustStore} (a PEM bundle), or none when the setting
     * is empty (then the JDK's default trust store applies).
     */
    static List<X509Certificate> trustAnchors(String trustStoreFile) throws IOException {
        if (trustStoreFile == null || trustStoreFile.isEmpty()) {
            return List.of();
        }
        Path p = Path.of(trustStoreFile);
        if (!Files.isReadable(p)) {
            throw new IOException("sip.tlsTrustStore: cannot read " + p.toAbsolutePath());
        }
        try {
            return chain(p);
        } catch (IOException e) {
            throw new IOException("sip.tlsTrustStore: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> chain(Path pem) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader r = Files.newBufferedReader(pem, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                if (o instanceof X509CertificateHolder h) {
                    out.add(converter.getCertificate(h));
                }
            }
        } catch (CertificateException e) {
            throw new IOException("bad certificate in " + pem + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IOException("no certificate in " + pem);
        }
        return out;
    }

    private static PrivateKey privateKey(Path pem) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader r = Files.newBufferedReader(pem, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
            }
        }
        throw new IOException("no unencrypted private key (PKCS#8 or PKCS#1) in " + pem);
    }
}
