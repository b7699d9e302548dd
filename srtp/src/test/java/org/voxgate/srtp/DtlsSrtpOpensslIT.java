package org.voxgate.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.voxgate.testing.Peers;

/**
 * DTLS-SRTP against OpenSSL ({@code openssl s_server -dtls1_2 -use_srtp} and {@code s_client}),
 * both roles. OpenSSL prints its RFC 5764 keying material ({@code -keymatexport}); it must equal
 * ours. Then libsrtp (pylibsrtp), keyed with OpenSSL's material, stands in for OpenSSL's SRTP and
 * exchanges SRTP with our contexts both ways.
 */
class DtlsSrtpOpensslIT {
    private static final DtlsCertificate OURS = DtlsCertificate.generateSelfSigned("voxgate", Duration.ofDays(2));
    private static final DtlsCertificate THEIRS = DtlsCertificate.generateSelfSigned("openssl", Duration.ofDays(2));
    private static Path dir;
    private static LibsrtpPeer libsrtp;
    private Process openssl;

    @BeforeAll
    static void setUp() throws Exception {
        Peers.requireCommand("openssl");
        Peers.requirePythonModule("pylibsrtp");
        dir = Files.createTempDirectory("dtls-openssl");
        Files.writeString(dir.resolve("ours.pem"), OURS.certificatePem());
        Files.writeString(dir.resolve("ours.key"), OURS.privateKeyPem());
        Files.writeString(dir.resolve("theirs.pem"), THEIRS.certificatePem());
        Files.writeString(dir.resolve("theirs.key"), THEIRS.privateKeyPem());
        libsrtp = new LibsrtpPeer();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (libsrtp != null) {
            libsrtp.close();
        }
    }

    @AfterEach
    void stopOpenssl() {
        if (openssl != null) {
            openssl.destroy();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    private BlockingQueue<String> start(List<String> command) throws IOException {
        openssl = new ProcessBuilder(command).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(openssl.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "openssl-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String await(BlockingQueue<String> lines, String prefix, List<String> seen) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            seen.add(line);
            if (line.trim().startsWith(prefix)) {
                return line.trim().substring(prefix.length()).trim();
            }
        }
        throw new AssertionError("openssl never printed '" + prefix + "': " + seen);
    }

    private static List<String> common(String mode, int keyLen) {
        return new ArrayList<>(List.of("openssl", mode, "-dtls1_2", "-keymatexport", KeyingMaterialExporter.DTLS_SRTP_LABEL,
                "-keymatexportlen", Integer.toString(keyLen),
                "-cert", dir.resolve("theirs.pem").toString(), "-key", dir.resolve("theirs.key").toString()));
    }

    @Test
    void weAreClientOpensslServer() throws Exception {
        SrtpProfile profile = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        int port = freeUdpPort();
        List<String> cmd = common("s_server", 60);
        cmd.addAll(List.of("-accept", "127.0.0.1:" + port, "-use_srtp", "SRTP_AES128_CM_SHA1_80", "-verify", "1"));
        BlockingQueue<String> out = start(cmd);
        List<String> seen = new ArrayList<>();
        await(out, "ACCEPT", seen);
        try (UdpDtlsTransport udp = new UdpDtlsTransport()) {
            DtlsSrtpConfig config = DtlsSrtpConfig.client(OURS, THEIRS.fingerprint(), new InetSocketAddress("127.0.0.1", port));
            try (DtlsSrtpSession session = DtlsSrtpSession.handshakeAsClient(config, udp)) {
                assertThat(session.profile()).isEqualTo(profile);
                String theirMaterial = await(out, "Keying material:", seen);
                checkAgainstOpenssl(session, theirMaterial);
            }
        }
    }

    @Test
    void weAreServerOpensslClient() throws Exception {
        SrtpProfile profile = SrtpProfile.AEAD_AES_128_GCM;
        try (UdpDtlsTransport udp = new UdpDtlsTransport()) {
            List<String> cmd = common("s_client", 56);
            cmd.addAll(List.of("-connect", "127.0.0.1:" + udp.address().getPort(), "-use_srtp", "SRTP_AEAD_AES_128_GCM"));
            BlockingQueue<String> out = start(cmd);
            DtlsSrtpConfig config = DtlsSrtpConfig.server(OURS, THEIRS.fingerprintAttribute(),
                    a -> a.getAddress().isLoopbackAddress());
            try (DtlsSrtpSession session = DtlsSrtpSession.handshakeAsServer(config, udp)) {
                assertThat(session.profile()).isEqualTo(profile);
                String theirMaterial = await(out, "Keying material:", new ArrayList<>());
                checkAgainstOpenssl(session, theirMaterial);
            }
        }
    }

    @Test
    void opensslWithAnotherCertificateIsRefused() throws Exception {
        int port = freeUdpPort();
        List<String> cmd = common("s_server", 60);
        cmd.addAll(List.of("-accept", "127.0.0.1:" + port, "-use_srtp", "SRTP_AES128_CM_SHA1_80"));
        BlockingQueue<String> out = start(cmd);
        await(out, "ACCEPT", new ArrayList<>());
        try (UdpDtlsTransport udp = new UdpDtlsTransport()) {
            // signalling promised our own certificate's fingerprint, but openssl presents THEIRS
            DtlsSrtpConfig config = DtlsSrtpConfig.client(OURS, OURS.fingerprint(), new InetSocketAddress("127.0.0.1", port))
                    .withTimeoutMillis(5000);
            try {
                DtlsSrtpSession.handshakeAsClient(config, udp).close();
                throw new AssertionError("handshake with a mismatching fingerprint succeeded");
            } catch (DtlsSrtpException e) {
                assertThat(e.reason()).isEqualTo(DtlsSrtpException.Reason.FINGERPRINT_MISMATCH);
            }
        }
    }

    /** Same exported bytes; then libsrtp keyed by OpenSSL's export talks SRTP with us both ways. */
    private static void checkAgainstOpenssl(DtlsSrtpSession session, String theirHex) {
        SrtpProfile p = session.profile();
        int k = p.masterKeyLength();
        int s = p.masterSaltLength();
        byte[] theirs = HexFormat.of().parseHex(theirHex.toLowerCase());
        byte[] ours = session.exportKeyingMaterial(KeyingMaterialExporter.DTLS_SRTP_LABEL, 2 * (k + s));
        assertThat(ours).isEqualTo(theirs);

        boolean weAreClient = session.isClient();
        byte[] peerWrite = concat(Arrays.copyOfRange(theirs, weAreClient ? k : 0, weAreClient ? 2 * k : k),
                Arrays.copyOfRange(theirs, 2 * k + (weAreClient ? s : 0), 2 * k + (weAreClient ? 2 * s : s)));
        byte[] ourWrite = concat(Arrays.copyOfRange(theirs, weAreClient ? 0 : k, weAreClient ? k : 2 * k),
                Arrays.copyOfRange(theirs, 2 * k + (weAreClient ? 0 : s), 2 * k + (weAreClient ? s : 2 * s)));
        String peerTx = libsrtp.newSession(p, true, peerWrite, 128, 3, 3);
        String peerRx = libsrtp.newSession(p, false, ourWrite, 128, 3, 3);
        SrtpPolicy policy = SrtpPolicy.of(p);
        try (SrtpKeys local = session.localKeys(); SrtpKeys remote = session.remoteKeys()) {
            SrtpContext tx = SrtpContext.forSending(policy, local);
            SrtpContext rx = SrtpContext.forReceiving(policy, remote);
            Random r = new Random(5);
            for (int seq = 65500; seq < 65600; seq++) {
                byte[] plain = Arrays.copyOf(TestPackets.rtp(0x1234, seq & 0xFFFF, 160, r), 172);
                byte[] b = Arrays.copyOf(plain, 172 + 64);
                SrtpPacket pkt = new SrtpPacket(b, 0, 172);
                assertThat(tx.protect(pkt)).isEqualTo(SrtpStatus.OK);
                assertThat(libsrtp.apply("U", peerRx, b, 0, pkt.length())).as(libsrtp.lastError).isEqualTo(plain);

                byte[] fromPeer = libsrtp.apply("P", peerTx, plain, 0, plain.length);
                byte[] in = Arrays.copyOf(fromPeer, fromPeer.length);
                SrtpPacket q = new SrtpPacket(in, 0, in.length);
                assertThat(rx.unprotect(q)).isEqualTo(SrtpStatus.OK);
                assertThat(Arrays.copyOf(in, q.length())).isEqualTo(plain);
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
