package org.voxgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {

    @TempDir
    Path dir;

    @Test
    void generatedOnceWithOwnerOnlyPermissionsAndReused() throws IOException {
        byte[] first = MasterKey.load("", dir);
        Path f = dir.resolve(MasterKey.FILE_NAME);
        assertThat(first).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        assertThat(MasterKey.load("", dir)).isEqualTo(first);
        try (var s = Files.list(dir)) {
            assertThat(s).hasSize(1); // no temp file left behind
        }
    }

    @Test
    void configuredKeyWinsAndIsChecked() throws IOException {
        byte[] k = new byte[32];
        k[0] = 7;
        assertThat(MasterKey.load(Base64.getEncoder().encodeToString(k), dir)).isEqualTo(k);
        assertThat(Files.exists(dir.resolve(MasterKey.FILE_NAME))).isFalse();
        assertThatThrownBy(() -> MasterKey.load(Base64.getEncoder().encodeToString(new byte[16]), dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> MasterKey.load("not base64!", dir)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void groupReadableFileIsRefused() throws IOException {
        MasterKey.load("", dir);
        Path f = dir.resolve(MasterKey.FILE_NAME);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> MasterKey.load("", dir)).isInstanceOf(IOException.class).hasMessageContaining("chmod 600");
    }
}
