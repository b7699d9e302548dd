package org.voxgate.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Voxgate client against Voxgate server over real loopback UDP. */
class DtlsSrtpLoopbackIT {
    private static final DtlsCertificate CLIENT_CERT = DtlsCertificate.generateSelfSigned("client", Duration.ofDays(30));
    private static final DtlsCertificate SERVER_CERT = DtlsCertificate.generateSelfSigned("server", Duration.ofDays(30));

    private interface Handshake {
        DtlsSrtpSession run() throws Exception;
    }

    private static CompletableFuture<DtlsSrtpSession> async(Handshake h) {
        CompletableFuture<DtlsSrtpSession> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(h.run());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "dtls-server");
        t.setDaemon(true);
        t.start();
        return f;
    }

    @Test
    void handshakeExportsCrossedKeysAndSrtpFlowsBothWays() throws Exception {
        try (UdpDtlsTransport serverUdp = new UdpDtlsTransport(); UdpDtlsTransport clientUdp = new UdpDtlsTransport();
             DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress clientAddr = clientUdp.address();
            DtlsSrtpConfig serverConfig = DtlsSrtpConfig.server(SERVER_CERT, CLIENT_CERT.fingerprint(), clientAddr::equals)
                    .withProfiles(List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80, SrtpProfile.AEAD_AES_128_GCM));
            // junk from an address signalling never validated arrives first: it must be ignored
            byte[] junk = new byte[] {22, (byte) 0xfe, (byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
            stranger.send(new DatagramPacket(junk, junk.length, serverUdp.address()));
            CompletableFuture<DtlsSrtpSession> server = async(() -> DtlsSrtpSession.handshakeAsServer(serverConfig, serverUdp));
            DtlsSrtpConfig clientConfig = DtlsSrtpConfig.client(CLIENT_CERT, SERVER_CERT.fingerprintAttribute(), serverUdp.address());
            try (DtlsSrtpSession c = DtlsSrtpSession.handshakeAsClient(clientConfig, clientUdp);
                 DtlsSrtpSession s = server.get(20, TimeUnit.SECONDS)) {
                // the client preferred GCM; the server's order wins
                assertThat(c.profile()).isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
                assertThat(s.profile()).isEqualTo(c.profile());
                assertThat(s.ignoredDatagrams()).isGreaterThanOrEqualTo(1);
                try (SrtpKeys cl = c.localKeys(); SrtpKeys cr = c.remoteKeys();
                     SrtpKeys sl = s.localKeys(); SrtpKeys sr = s.remoteKeys()) {
                    assertThat(cl.masterKey()).isEqualTo(sr.masterKey());
                    assertThat(cl.masterSalt()).isEqualTo(sr.masterSalt());
                    assertThat(sl.masterKey()).isEqualTo(cr.masterKey());
                    assertThat(cl.masterKey()).isNotEqualTo(cr.masterKey());
                    SrtpPolicy policy = SrtpPolicy.of(c.profile());
                    roundTrip(SrtpContext.forSending(policy, cl), SrtpContext.forReceiving(policy, sr));
                    roundTrip(SrtpContext.forSending(policy, sl), SrtpContext.forReceiving(policy, cr));
                }
            }
        }
    }

    static void roundTrip(SrtpContext tx, SrtpContext rx) {
        Random r = new Random(3);
        for (int seq = 0; seq < 50; seq++) {
            byte[] plain = TestPackets.rtp(42, seq, 100, r);
            byte[] b = plain.clone();
            SrtpPacket p = new SrtpPacket(b, 0, 112);
            assertThat(tx.protect(p)).isEqualTo(SrtpStatus.OK);
            assertThat(rx.unprotect(p)).isEqualTo(SrtpStatus.OK);
            assertThat(java.util.Arrays.copyOf(b, 112)).isEqualTo(java.util.Arrays.copyOf(plain, 112));
        }
    }

    @Test
    void fingerprintMismatchEndsTheHandshake() throws Exception {
        DtlsCertificate impostor = DtlsCertificate.generateSelfSigned("impostor", Duration.ofDays(1));
        try (UdpDtlsTransport serverUdp = new UdpDtlsTransport(); UdpDtlsTransport clientUdp = new UdpDtlsTransport()) {
            DtlsSrtpConfig serverConfig = DtlsSrtpConfig.server(impostor, CLIENT_CERT.fingerprint(), a -> true)
                    .withTimeoutMillis(5000);
            CompletableFuture<DtlsSrtpSession> server = async(() -> DtlsSrtpSession.handshakeAsServer(serverConfig, serverUdp));
            DtlsSrtpConfig clientConfig = DtlsSrtpConfig.client(CLIENT_CERT, SERVER_CERT.fingerprint(), serverUdp.address())
                    .withTimeoutMillis(5000);
            assertThatThrownBy(() -> DtlsSrtpSession.handshakeAsClient(clientConfig, clientUdp))
                    .isInstanceOfSatisfying(DtlsSrtpException.class,
                            e -> assertThat(e.reason()).isEqualTo(DtlsSrtpException.Reason.FINGERPRINT_MISMATCH));
            assertThatThrownBy(() -> server.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(DtlsSrtpException.class);
        }
    }

    @Test
    void noCommonProfile() throws Exception {
        try (UdpDtlsTransport serverUdp = new UdpDtlsTransport(); UdpDtlsTransport clientUdp = new UdpDtlsTransport()) {
            DtlsSrtpConfig serverConfig = DtlsSrtpConfig.server(SERVER_CERT, CLIENT_CERT.fingerprint(), a -> true)
                    .withProfiles(List.of(SrtpProfile.AEAD_AES_256_GCM)).withTimeoutMillis(5000);
            CompletableFuture<DtlsSrtpSession> server = async(() -> DtlsSrtpSession.handshakeAsServer(serverConfig, serverUdp));
            DtlsSrtpConfig clientConfig = DtlsSrtpConfig.client(CLIENT_CERT, SERVER_CERT.fingerprint(), serverUdp.address())
                    .withProfiles(List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80)).withTimeoutMillis(5000);
            assertThatThrownBy(() -> DtlsSrtpSession.handshakeAsClient(clientConfig, clientUdp))
                    .isInstanceOf(DtlsSrtpException.class);
            assertThatThrownBy(() -> server.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(DtlsSrtpException.class,
                            e -> assertThat(e.reason()).isEqualTo(DtlsSrtpException.Reason.NO_COMMON_PROFILE));
        }
    }

    @Test
    void silentPeerTimesOut() throws Exception {
        try (UdpDtlsTransport clientUdp = new UdpDtlsTransport(); UdpDtlsTransport nobody = new UdpDtlsTransport()) {
            DtlsSrtpConfig config = DtlsSrtpConfig.client(CLIENT_CERT, SERVER_CERT.fingerprint(), nobody.address())
                    .withTimeoutMillis(1500);
            long start = System.nanoTime();
            assertThatThrownBy(() -> DtlsSrtpSession.handshakeAsClient(config, clientUdp))
                    .isInstanceOfSatisfying(DtlsSrtpException.class,
                            e -> assertThat(e.reason()).isEqualTo(DtlsSrtpException.Reason.TIMEOUT));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void fingerprintFormat() {
        assertThat(SERVER_CERT.fingerprint()).matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(DtlsCertificate.fingerprintsMatch(SERVER_CERT.fingerprintAttribute(),
                SERVER_CERT.fingerprint().toLowerCase())).isTrue();
        assertThat(DtlsCertificate.fingerprintsMatch(SERVER_CERT.fingerprint(), CLIENT_CERT.fingerprint())).isFalse();
    }
}
