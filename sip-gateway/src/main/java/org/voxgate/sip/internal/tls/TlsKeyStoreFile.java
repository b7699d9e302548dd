package org.voxgate.sip.internal.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.voxgate.sip.SipTls;

/**
 * Two short-lived PKCS#12 files with one random password: the TLS identity (key store) and
 * the trust anchors for carriers' certificates (trust store; the JDK's default CAs when
 * {@link SipTls#trustAnchors()} is empty). The SIP stack reads both only from files, once,
 * while it starts. The files are readable by the owner only and deleted by {@link #close()}
 * right after the stack has started. The identity is never in the trust store: our own
 * certificate must not vouch for a carrier.
 */
public final class TlsKeyStoreFile implements AutoCloseable {
    private final Path file;
    private final Path trustFile;
    private final String password;

    private TlsKeyStoreFile(Path file, Path trustFile, String password) {
        this.file = file;
        this.trustFile = trustFile;
        this.password = password;
    }

    /** Writes the identity and the trust anchors to new temporary stores. */
    public static TlsKeyStoreFile write(SipTls tls) throws IOException {
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Path file = tempFile();
        Path trustFile = null;
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("sip", tls.privateKey(), password.toCharArray(), tls.chain().toArray(Certificate[]::new));
            try (OutputStream out = Files.newOutputStream(file)) {
                ks.store(out, password.toCharArray());
            }
            trustFile = tempFile();
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            int n = 0;
            for (X509Certificate anchor : anchors(tls)) {
                ts.setCertificateEntry("ca-" + n++, anchor);
            }
            try (OutputStream out = Files.newOutputStream(trustFile)) {
                ts.store(out, password.toCharArray());
            }
            return new TlsKeyStoreFile(file, trustFile, password);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            if (trustFile != null) {
                Files.deleteIfExists(trustFile);
            }
            throw e instanceof IOException io ? io : new IOException("cannot write the SIP-TLS key store: " + e, e);
        }
    }

    /** The configured anchors, or the CAs the JDK's default trust manager accepts (cacerts). */
    static List<X509Certificate> anchors(SipTls tls) throws GeneralSecurityException {
        if (!tls.trustAnchors().isEmpty()) {
            return tls.trustAnchors();
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        List<X509Certificate> all = new ArrayList<>();
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                all.addAll(List.of(x.getAcceptedIssuers()));
            }
        }
        return all;
    }

    private static Path tempFile() throws IOException {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile("voxgate-sip-tls-", ".p12",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile("voxgate-sip-tls-", ".p12");
    }

    public Path file() {
        return file;
    }

    /** The trust store (PKCS#12, same password). */
    public Path trustFile() {
        return trustFile;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(trustFile);
    }
}
