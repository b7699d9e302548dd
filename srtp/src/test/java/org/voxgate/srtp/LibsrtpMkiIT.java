package org.voxgate.srtp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.voxgate.testing.Peers;

/**
 * The libsrtp cross-check with an MKI in every packet. pylibsrtp cannot set MKIs, so this peer
 * is src/test/resources/libsrtp/srtp_mki_peer.c, compiled here against libsrtp2-dev
 * (srtp_protect_mki and friends).
 */
class LibsrtpMkiIT {
    private static LibsrtpPeer peer;

    @BeforeAll
    static void build() throws Exception {
        Peers.requireCommand("cc");
        if (!Files.exists(Path.of("/usr/include/srtp2/srtp.h"))) {
            String reason = "libsrtp2-dev is not installed (no /usr/include/srtp2/srtp.h)";
            if (Peers.underCi()) {
                org.junit.jupiter.api.Assertions.fail("CI=true but " + reason);
            }
            org.junit.jupiter.api.Assumptions.abort("skipped: " + reason);
        }
        Path dir = Files.createTempDirectory("srtp-mki");
        Path source = dir.resolve("srtp_mki_peer.c");
        Files.copy(LibsrtpMkiIT.class.getResourceAsStream("/libsrtp/srtp_mki_peer.c"), source,
                StandardCopyOption.REPLACE_EXISTING);
        Path binary = dir.resolve("srtp_mki_peer");
        Process cc = new ProcessBuilder("cc", "-O2", "-o", binary.toString(), source.toString(), "-lsrtp2")
                .redirectErrorStream(true).start();
        String out = new String(cc.getInputStream().readAllBytes());
        if (!cc.waitFor(60, TimeUnit.SECONDS) || cc.exitValue() != 0) {
            throw new AssertionError("cannot build the libsrtp MKI peer: " + out);
        }
        peer = new LibsrtpPeer(List.of(binary.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (peer != null) {
            peer.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = SrtpProfile.class, names = {"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32",
            "AES_256_CM_HMAC_SHA1_80", "AEAD_AES_128_GCM", "AEAD_AES_256_GCM"})
    void withMki(SrtpProfile profile) {
        LibsrtpCrossCheckIT.crossCheck(peer, profile, SrtpPolicy.of(profile), 3, 3, 400, 77 + profile.ordinal(), true,
                new byte[] {(byte) 0xA5, 0x01, 0x02});
        LibsrtpCrossCheckIT.crossCheck(peer, profile, SrtpPolicy.of(profile), 3, 3, 100, 99 + profile.ordinal(), true,
                new byte[] {0x7F});
    }
}
