package org.voxgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.sip.SipTls;

class SipTlsFilesTest {
    @TempDir
    Path dir;

    @Test
    void generatesOnFirstStartAndReusesAfterwards() throws Exception {
        SipTls first = SipTlsFiles.load("", "", dir, List.of("192.0.2.10"));
        Path key = dir.resolve(SipTlsFiles.DIR).resolve("key.pem");
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(first.chain().get(0).getSubjectX500Principal().getName()).contains("Voxgate SIP (self-signed)");
        assertThat(first.chain().get(0).getSubjectAlternativeNames()).anyMatch(n -> n.get(1).equals("192.0.2.10"));
        SipTls again = SipTlsFiles.load("", "", dir, List.of());
        assertThat(again.chain()).isEqualTo(first.chain());
        // the key belongs to the certificate
        Signature sign = Signature.getInstance("SHA256withECDSA");
        sign.initSign(again.privateKey());
        sign.update(new byte[] {1, 2, 3});
        byte[] sig = sign.sign();
        Signature verify = Signature.getInstance("SHA256withECDSA");
        verify.initVerify(first.chain().get(0).getPublicKey());
        verify.update(new byte[] {1, 2, 3});
        assertThat(verify.verify(sig)).isTrue();
    }

    @Test
    void configuredPairIsLoadedAndMissingFilesAreNamed() throws Exception {
        SipTls generated = SipTlsFiles.load("", "", dir.resolve("elsewhere"), List.of());
        Path c = dir.resolve("elsewhere").resolve(SipTlsFiles.DIR).resolve("cert.pem");
        Path k = dir.resolve("elsewhere").resolve(SipTlsFiles.DIR).resolve("key.pem");
        SipTls configured = SipTlsFiles.load(c.toString(), k.toString(), dir, List.of());
        assertThat(configured.chain()).isEqualTo(generated.chain());
        assertThat(Files.exists(dir.resolve(SipTlsFiles.DIR))).isFalse();
        assertThatThrownBy(() -> SipTlsFiles.load(dir.resolve("nope.pem").toString(), k.toString(), dir, List.of()))
                .hasMessageContaining("sip.tlsCertFile");
    }

    @Test
    void trustAnchorsComeFromAPemBundleOrDefaultToTheJdks() throws Exception {
        assertThat(SipTlsFiles.trustAnchors("")).isEmpty();
        SipTlsFiles.load("", "", dir.resolve("a"), List.of());
        SipTlsFiles.load("", "", dir.resolve("b"), List.of());
        Path bundle = dir.resolve("cas.pem");
        Files.writeString(bundle, Files.readString(dir.resolve("a").resolve(SipTlsFiles.DIR).resolve("cert.pem"))
                + Files.readString(dir.resolve("b").resolve(SipTlsFiles.DIR).resolve("cert.pem")));
        assertThat(SipTlsFiles.trustAnchors(bundle.toString())).hasSize(2);
        assertThatThrownBy(() -> SipTlsFiles.trustAnchors(dir.resolve("missing.pem").toString()))
                .hasMessageContaining("sip.tlsTrustStore");
        Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
        assertThatThrownBy(() -> SipTlsFiles.trustAnchors(dir.resolve("empty.pem").toString()))
                .hasMessageContaining("sip.tlsTrustStore");
    }
}
