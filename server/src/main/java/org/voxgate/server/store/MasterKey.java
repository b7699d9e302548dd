package org.voxgate.server.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Where the master key of the {@link SecretBox} comes from: the configuration or environment
 * (base64 of 32 bytes), else a file {@code master.key} in the data directory, generated on
 * first start with mode 0600.
 */
public final class MasterKey {

    /** File name of the generated key inside the data directory. */
    public static final String FILE_NAME = "master.key";

    private MasterKey() {}

    /**
     * @param configured base64 of 32 bytes, or empty to use (and on first start create) the file
     * @param dataDir    the server's data directory (exists)
     * @return the 32 key bytes
     * @throws IOException when the file cannot be read or written, is not 32 bytes of base64,
     *                     or is readable by others than its owner
     * @throws IllegalArgumentException when {@code configured} is not base64 of 32 bytes
     */
    public static byte[] load(String configured, Path dataDir) throws IOException {
        if (configured != null && !configured.isEmpty()) {
            return decode(configured, "database.masterKey");
        }
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            if (posix()) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                    throw new IOException(file + " is readable by group or others; chmod 600 it");
                }
            }
            try {
                return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        byte[] key = new byte[SecretBox.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path tmp = Files.createTempFile(dataDir, ".master-", ".tmp");
        try {
            if (posix()) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return key;
    }

    private static byte[] decode(String b64, String where) {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": master key is not base64");
        }
        if (k.length != SecretBox.KEY_BYTES) {
            throw new IllegalArgumentException(where + ": master key must be base64 of 32 bytes, was " + k.length + " bytes");
        }
        return k;
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
