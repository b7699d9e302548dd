package org.voxgate.server;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * The server's data directory: created on first start, readable by the server's user only.
 * Holds the embedded database and values generated once (the demo meeting's access code).
 */
public final class DataDirectory {

    private static final String DEMO_FILE = "demo-meeting.properties";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;

    private DataDirectory(Path root) {
        this.root = root;
    }

    /** Creates the directory (mode 0700 where POSIX permissions exist) when absent. */
    public static DataDirectory open(Path root) throws IOException {
        Path abs = root.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            Files.createDirectories(abs);
            if (posix()) {
                Files.setPosixFilePermissions(abs, PosixFilePermissions.fromString("rwx------"));
            }
        }
        if (!Files.isDirectory(abs) || !Files.isWritable(abs)) {
            throw new IOException("data directory " + abs + " is not a writable directory");
        }
        return new DataDirectory(abs);
    }

    public Path root() {
        return root;
    }

    /**
     * The demo meeting's access code: {@code configured} when not empty; otherwise the one
     * generated on an earlier start; otherwise a new random 6-digit code, kept for next time.
     */
    public String demoAccessCode(String configured) throws IOException {
        if (!configured.isEmpty()) {
            return configured;
        }
        Path file = root.resolve(DEMO_FILE);
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            String code = p.getProperty("accessCode", "");
            if (code.matches("[0-9]{4,16}")) {
                return code;
            }
        }
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        p.setProperty("accessCode", code);
        writePrivate(file, p, "Voxgate demo meeting, generated on first start");
        return code;
    }

    private static void writePrivate(Path file, Properties p, String comment) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".tmp-", ".properties");
        try {
            if (posix()) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, comment);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
