package org.voxgate.srtp;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A self-signed ECDSA P-256 certificate for DTLS-SRTP (RFC 5763 section 5: endpoints use
 * self-signed certificates and exchange SHA-256 fingerprints through signalling).
 * Immutable; safe to share between handshakes.
 */
public final class DtlsCertificate {
    private final byte[] der;
    private final PrivateKey privateKey;

    private DtlsCertificate(byte[] der, PrivateKey privateKey) {
        this.der = der;
        this.privateKey = privateKey;
    }

    /** Generates a fresh key pair and a self-signed certificate valid for {@code validity}. */
    public static DtlsCertificate generateSelfSigned(String commonName, Duration validity) {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair kp = kpg.generateKeyPair();
            X500Name name = new X500Name("CN=" + commonName);
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(validity)), name, kp.getPublic());
            byte[] der = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())).getEncoded();
            return new DtlsCertificate(der, kp.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate a certificate", e);
        }
    }

    /** The DER encoding. */
    public byte[] der() { return der.clone(); }

    /** Encoded PKCS#8 private key, for the DTLS stack. The caller wipes it. */
    public byte[] privateKeyPkcs8() { return privateKey.getEncoded(); }

    /** "sha-256 AB:CD:..." as the a=fingerprint attribute carries it (RFC 8122 section 5). */
    public String fingerprint() {
        return fingerprintOf(der);
    }

    /** The full SDP line, "a=fingerprint:sha-256 AB:CD:...". */
    public String fingerprintAttribute() {
        return "a=fingerprint:" + fingerprint();
    }

    /** SHA-256 fingerprint of a DER certificate, in a=fingerprint form. */
    public static String fingerprintOf(byte[] der) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(der);
            return "sha-256 " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares two a=fingerprint values: hash name case-insensitively, hex case-insensitively. */
    public static boolean fingerprintsMatch(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    private static String normalize(String f) {
        return f.trim().replaceFirst("^a=fingerprint:", "").replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    /** PEM of the certificate (for handing to other tools). */
    public String certificatePem() {
        return pem("CERTIFICATE", der);
    }

    /** PEM of the private key (PKCS#8). */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    private static String pem(String type, byte[] bytes) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(new PemObject(type, bytes));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }
}
