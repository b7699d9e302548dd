package org.voxgate.sip.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.voxgate.testing.Peers;

/**
 * A throw-away certificate authority made with the openssl command: a CA and server
 * certificates it signs with the subjectAltNames a test asks for (P-256 keys, two days).
 */
public final class TestCa {
    private final Path dir;
    private final String name;
    private final Path openssl;

    private TestCa(Path dir, String name, Path openssl) {
        this.dir = dir;
        this.name = name;
        this.openssl = openssl;
    }

    /** Creates the CA's key and self-signed certificate in {@code dir}. */
    public static TestCa create(Path dir, String name) throws Exception {
        Path openssl = Peers.requireCommand("openssl");
        Files.createDirectories(dir);
        TestCa ca = new TestCa(dir, name, openssl);
        ca.run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", dir.resolve(name + ".key").toString(), "-out", dir.resolve(name + ".pem").toString(),
                "-days", "2", "-subj", "/CN=" + name);
        return ca;
    }

    public X509Certificate certificate() throws Exception {
        return certificates(dir.resolve(name + ".pem")).get(0);
    }

    /** A server identity signed by this CA with {@code subjectAltName} (e.g. "IP:127.0.0.1,DNS:localhost"). */
    public Identity issue(String leafName, String subjectAltName) throws Exception {
        Path key = dir.resolve(leafName + ".key");
        Path csr = dir.resolve(leafName + ".csr");
        Path cert = dir.resolve(leafName + ".pem");
        Path ext = dir.resolve(leafName + ".ext");
        Files.writeString(ext, "subjectAltName=" + subjectAltName + "\nextendedKeyUsage=serverAuth\n");
        run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(),
                "-out", csr.toString(), "-subj", "/CN=" + leafName);
        run("x509", "-req", "-in", csr.toString(), "-CA", dir.resolve(name + ".pem").toString(), "-CAkey",
                dir.resolve(name + ".key").toString(), "-CAcreateserial", "-out", cert.toString(), "-days", "2",
                "-extfile", ext.toString());
        return new Identity(privateKey(key), List.of(certificates(cert).get(0), certificate()));
    }

    /** The PEM certificate file of a leaf made by {@link #issue}. */
    public Path certFile(String leafName) {
        return dir.resolve(leafName + ".pem");
    }

    /** The PEM (PKCS#8) key file of a leaf made by {@link #issue}. */
    public Path keyFile(String leafName) {
        return dir.resolve(leafName + ".key");
    }

    private void run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(openssl.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed:\n" + out);
        }
    }

    static List<X509Certificate> certificates(Path pem) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate c : cf.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)))) {
            out.add((X509Certificate) c);
        }
        return out;
    }

    static PrivateKey privateKey(Path pem) throws Exception {
        String text = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text)));
    }

    /** A key and its chain (leaf first). */
    public record Identity(PrivateKey key, List<X509Certificate> chain) {
        /** A server-side TLS 1.2/1.3 context presenting this identity. */
        public SSLContext serverContext() throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("id", key, "pw".toCharArray(), chain.toArray(Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "pw".toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        }
    }
}
