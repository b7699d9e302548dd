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
import java.util.Base64;

import org.voxgate.sip.SipTls;

/**
 * A short-lived PKCS#12 file holding the TLS identity with a random password: the SIP stack
 * reads its key only from a key store file, once, while it starts. The file is readable by the
 * owner only and deleted by {@link #close()} right after the stack has started.
 */
public final class TlsKeyStoreFile implements AutoCloseable {
    private final Path file;
    private final String password;

    private TlsKeyStoreFile(Path file, String password) {
        this.file = file;
        this.password = password;
    }

    /** Writes the identity to a new temporary key store. */
    public static TlsKeyStoreFile write(SipTls tls) throws IOException {
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Path file = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile("voxgate-sip-tls-", ".p12",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile("voxgate-sip-tls-", ".p12");
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("sip", tls.privateKey(), password.toCharArray(), tls.chain().toArray(Certificate[]::new));
            try (OutputStream out = Files.newOutputStream(file)) {
                ks.store(out, password.toCharArray());
            }
            return new TlsKeyStoreFile(file, password);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e instanceof IOException io ? io : new IOException("cannot write the SIP-TLS key store: " + e, e);
        }
    }

    public Path file() {
        return file;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
