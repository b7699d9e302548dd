package org.voxgate.server.admin;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.voxgate.server.store.HostPolicy;

/**
 * The admin API's certificate: the configured PEM pair, or a self-signed ECDSA P-256
 * certificate generated on first start into {@code <dataDir>/admin-tls/} (key file 0600) and
 * reused afterwards. SIP over TLS uses the same, in {@code <dataDir>/sip-tls/}. Its names: localhost, 127.0.0.1, ::1 and the configured extra names.
 */
public final class TlsCertificate {

    public static final String DIR = "admin-tls";
    private static final Duration VALIDITY = Duration.ofDays(825);

    private final Path certFile;
    private final Path keyFile;

    private TlsCertificate(Path certFile, Path keyFile) {
        this.certFile = certFile;
        this.keyFile = keyFile;
    }

    public Path certFile() {
        return certFile;
    }

    public Path keyFile() {
        return keyFile;
    }

    /** The configured pair when both paths are set, else the generated one (made when absent). */
    public static TlsCertificate load(String configuredCert, String configuredKey, Path dataDir, List<String> extraNames)
            throws IOException {
        return load(configuredCert, configuredKey, dataDir, DIR, "admin", extraNames);
    }

    /**
     * The same for another TLS service: the configured pair, else a self-signed one kept in
     * {@code <dataDir>/<subdirectory>/}.
     *
     * @param settingPrefix prefix of the {@code .tlsCertFile}/{@code .tlsKeyFile} settings, for
     *                      messages ("admin", "sip"); also names the service in the subject
     */
    public static TlsCertificate load(String configuredCert, String configuredKey, Path dataDir, String subdirectory,
                                      String settingPrefix, List<String> extraNames) throws IOException {
        if (!configuredCert.isEmpty()) {
            Path c = Path.of(configuredCert);
            Path k = Path.of(configuredKey);
            if (!Files.isReadable(c) || !Files.isReadable(k)) {
                throw new IOException(settingPrefix + ".tlsCertFile " + c + " or " + settingPrefix + ".tlsKeyFile " + k
                        + " is not readable");
            }
            return new TlsCertificate(c, k);
        }
        Path dir = dataDir.resolve(subdirectory);
        Path c = dir.resolve("cert.pem");
        Path k = dir.resolve("key.pem");
        if (Files.exists(c) && Files.exists(k)) {
            return new TlsCertificate(c, k);
        }
        Files.createDirectories(dir);
        generate(c, k, extraNames, settingPrefix.equals("admin") ? "admin API" : settingPrefix.toUpperCase(java.util.Locale.ROOT));
        return new TlsCertificate(c, k);
    }

    /** SHA-256 fingerprint of the certificate, colon-separated hex, for the banner. */
    public String fingerprint() throws IOException {
        try {
            byte[] der = certificate().getEncoded();
            byte[] d = MessageDigest.getInstance("SHA-256").digest(der);
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    public X509Certificate certificate() throws IOException {
        try (var in = Files.newInputStream(certFile)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (GeneralSecurityException e) {
            throw new IOException("bad certificate " + certFile + ": " + e.getMessage(), e);
        }
    }

    private static void generate(Path certFile, Path keyFile, List<String> extraNames, String service) throws IOException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair kp = g.generateKeyPair();
            Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
            names.addAll(extraNames);
            List<GeneralName> san = new ArrayList<>();
            for (String n : names) {
                if (n.isEmpty()) {
                    continue;
                }
                san.add(HostPolicy.isIpLiteral(n) ? new GeneralName(GeneralName.iPAddress,
                        InetAddress.getByName(n).getHostAddress()) : new GeneralName(GeneralName.dNSName, n));
            }
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=Voxgate " + service + " (self-signed)");
            var b = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, kp.getPublic());
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san.toArray(GeneralName[]::new)));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
            writePem(keyFile, new JcaPKCS8Generator(kp.getPrivate(), null), true);
            writePem(certFile, cert, false);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot generate the " + service + " certificate: " + e.getMessage(), e);
        }
    }

    private static void writePem(Path file, Object obj, boolean secret) throws IOException {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(obj instanceof JcaPKCS8Generator g ? g.generate() : obj);
        }
        Path tmp = Files.createTempFile(file.getParent(), ".tmp-", ".pem");
        try {
            if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(tmp, sw.toString(), StandardCharsets.US_ASCII);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
