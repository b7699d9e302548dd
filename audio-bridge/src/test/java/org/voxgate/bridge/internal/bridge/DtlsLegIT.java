package org.voxgate.bridge.internal.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.internal.leg.DefaultMediaLeg;
import org.voxgate.bridge.internal.rtp.DropReason;
import org.voxgate.bridge.internal.srtp.LegSrtp;
import org.voxgate.srtp.DtlsCertificate;
import org.voxgate.srtp.DtlsSrtpConfig;
import org.voxgate.srtp.DtlsSrtpSession;
import org.voxgate.srtp.DtlsTransport;
import org.voxgate.srtp.SrtpContext;
import org.voxgate.srtp.SrtpKeys;
import org.voxgate.srtp.SrtpPacket;
import org.voxgate.srtp.SrtpPolicy;
import org.voxgate.srtp.SrtpStatus;

/**
 * DTLS-SRTP legs (RFC 5763/5764) against a loopback peer that runs the srtp module's DTLS
 * handshake (itself checked against OpenSSL) on a plain socket.
 */
class DtlsLegIT {
    private static final InetAddress LO = InetAddress.getLoopbackAddress();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private DefaultMediaBridge bridge;

    @AfterEach
    void close() {
        pool.shutdownNow();
        if (bridge != null) {
            bridge.close();
        }
    }

    private DefaultMediaLeg openLeg(RecordingListener listener, boolean secureSignalling) throws Exception {
        bridge = new DefaultMediaBridge(Bridges.config(Duration.ofSeconds(30)), System::nanoTime, Bridges.tuning());
        return (DefaultMediaLeg) bridge.openLeg(LegOptions.forCall("dtls").withSecureSignalling(secureSignalling),
                listener);
    }

    /** The peer's RTP socket as a DTLS transport; non-DTLS datagrams are kept for the test. */
    static final class PeerTransport implements DtlsTransport {
        final DatagramSocket socket;
        final List<byte[]> media = new CopyOnWriteArrayList<>();

        PeerTransport(DatagramSocket socket) {
            this.socket = socket;
        }

        @Override
        public int sendLimit() {
            return 1200;
        }

        @Override
        public Datagram receive(int waitMillis) throws IOException {
            long end = System.currentTimeMillis() + waitMillis;
            byte[] buf = new byte[2048];
            while (true) {
                int left = (int) (end - System.currentTimeMillis());
                if (left <= 0) {
                    return null;
                }
                socket.setSoTimeout(left);
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    return null;
                }
                byte[] d = Arrays.copyOf(p.getData(), p.getLength());
                int first = d.length > 0 ? d[0] & 0xFF : 0;
                if (first >= 20 && first <= 63) {
                    return new Datagram(d, (InetSocketAddress) p.getSocketAddress());
                }
                media.add(d);
            }
        }

        @Override
        public void send(byte[] data, int off, int len, InetSocketAddress to) throws IOException {
            socket.send(new DatagramPacket(data, off, len, to));
        }

        /** Reads media datagrams for {@code millis} after the handshake. */
        void drain(int millis) throws IOException {
            while (receive(millis) != null) {
                // DTLS retransmissions are dropped
            }
        }
    }

    private static String offer(int port, DtlsCertificate cert, String setup) {
        return "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " UDP/TLS/RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\n"
                + cert.fingerprintAttribute() + "\r\na=setup:" + setup + "\r\na=sendrecv\r\n";
    }

    private static String fingerprintOf(String answer) {
        Matcher m = Pattern.compile("a=fingerprint:([^\r\n]+)").matcher(answer);
        assertThat(m.find()).as(answer).isTrue();
        return m.group(1);
    }

    @Test
    void actpassOfferMakesUsTheServerAndSrtpFlowsBothWays() throws Exception {
        exchange("actpass", "a=setup:passive", true);
    }

    @Test
    void passiveOfferMakesUsTheClient() throws Exception {
        exchange("passive", "a=setup:active", false);
    }

    private void exchange(String peerSetup, String ourSetup, boolean peerIsClient) throws Exception {
        DtlsCertificate peerCert = DtlsCertificate.generateSelfSigned("peer", Duration.ofDays(1));
        RecordingListener listener = new RecordingListener();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LO, 0));
             DatagramSocket rtcpSocket = new DatagramSocket(new InetSocketAddress(LO, 0))) {
            PeerTransport transport = new PeerTransport(socket);
            PeerTransport rtcpTransport = new PeerTransport(rtcpSocket);
            DefaultMediaLeg leg = openLeg(listener, false); // DTLS needs no secure signalling
            String offer = offer(socket.getLocalPort(), peerCert, peerSetup)
                    .replace("a=sendrecv", "a=rtcp:" + rtcpSocket.getLocalPort() + "\r\na=sendrecv");
            String answer = leg.answer(offer);
            assertThat(answer).contains(" UDP/TLS/RTP/SAVP 0").contains(ourSetup).doesNotContain("a=crypto");
            assertThat(leg.srtpMode()).isEqualTo(LegSrtp.Mode.PENDING);
            InetSocketAddress legAddress = new InetSocketAddress(LO, RtpPeer.answeredPort(answer));
            InetSocketAddress legRtcp = new InetSocketAddress(LO, legAddress.getPort() + 1);
            String ourFingerprint = fingerprintOf(answer);
            // RFC 5764 section 4.1: one handshake per component, RTP and RTCP
            Future<DtlsSrtpSession> handshake = pool.submit(() -> handshake(peerIsClient, peerCert, ourFingerprint,
                    legAddress, transport));
            Future<DtlsSrtpSession> rtcpHandshake = pool.submit(() -> handshake(peerIsClient, peerCert, ourFingerprint,
                    legRtcp, rtcpTransport));
            try (DtlsSrtpSession session = handshake.get(15, TimeUnit.SECONDS);
                 DtlsSrtpSession rtcpSession = rtcpHandshake.get(15, TimeUnit.SECONDS);
                 SrtpKeys tx = session.localKeys(); SrtpKeys rx = session.remoteKeys();
                 SrtpKeys rtcpTx = rtcpSession.localKeys(); SrtpKeys rtcpRx = rtcpSession.remoteKeys()) {
                await().atMost(Duration.ofSeconds(3)).until(() -> leg.srtpMode() == LegSrtp.Mode.ACTIVE);
                SrtpPolicy policy = SrtpPolicy.of(session.profile());
                try (SrtpContext send = SrtpContext.forSending(policy, tx);
                     SrtpContext receive = SrtpContext.forReceiving(policy, rx);
                     SrtpContext sendRtcp = SrtpContext.forSending(SrtpPolicy.of(rtcpSession.profile()), rtcpTx);
                     SrtpContext receiveRtcp = SrtpContext.forReceiving(SrtpPolicy.of(rtcpSession.profile()), rtcpRx);
                     SrtpContext wrongRtcp = SrtpContext.forReceiving(policy, rx);
                     SrtpPeer tone = new SrtpPeer(0xABC)) {
                    for (int i = 0; i < 30; i++) {
                        byte[] p = tone.nextTonePacket(1004, 8000);
                        SrtpPacket sp = new SrtpPacket(p, 0, SrtpPeer.PACKET_BYTES);
                        assertThat(send.protect(sp)).isEqualTo(SrtpStatus.OK);
                        socket.send(new DatagramPacket(p, sp.length(), legAddress));
                    }
                    byte[] rr = Arrays.copyOf(new byte[] {(byte) 0x80, (byte) 201, 0, 1, 0, 0, 0x0A, (byte) 0xBC}, 8 + 64);
                    SrtpPacket rp = new SrtpPacket(rr, 0, 8);
                    assertThat(sendRtcp.protectRtcp(rp)).isEqualTo(SrtpStatus.OK);
                    rtcpSocket.send(new DatagramPacket(rr, rp.length(), legRtcp));
                    await().atMost(Duration.ofSeconds(3)).until(() -> leg.stats().packetsReceived() == 30);
                    transport.drain(500);
                    int ok = 0;
                    for (byte[] d : transport.media) {
                        SrtpPacket sp = new SrtpPacket(d, 0, d.length);
                        if (receive.unprotect(sp) == SrtpStatus.OK) {
                            ok++;
                        }
                    }
                    assertThat(ok).as("SRTP from the leg the peer can unprotect").isGreaterThan(10);
                    // SRTCP from the leg is keyed by the RTCP port's handshake, not the RTP port's
                    long until = System.nanoTime() + 3_000_000_000L;
                    while (rtcpTransport.media.isEmpty() && System.nanoTime() < until) {
                        rtcpTransport.drain(200);
                    }
                    assertThat(rtcpTransport.media).isNotEmpty();
                    byte[] srtcp = rtcpTransport.media.get(0);
                    assertThat(wrongRtcp.unprotectRtcp(new SrtpPacket(srtcp.clone(), 0, srtcp.length)))
                            .isEqualTo(SrtpStatus.AUTH_FAIL);
                    SrtpPacket report = new SrtpPacket(srtcp.clone(), 0, srtcp.length);
                    assertThat(receiveRtcp.unprotectRtcp(report)).isEqualTo(SrtpStatus.OK);
                    assertThat(report.array()[1] & 0xFF).isIn(200, 201);
                    assertThat(leg.drops(DropReason.SRTP)).isZero();
                    assertThat(leg.drops(DropReason.BAD_RTCP)).isZero();
                    assertThat(listener.securityFailures).isEmpty();
                }
            }
        }
    }

    private static DtlsSrtpSession handshake(boolean asClient, DtlsCertificate cert, String fingerprint,
                                             InetSocketAddress leg, PeerTransport transport) throws Exception {
        return asClient ? DtlsSrtpSession.handshakeAsClient(DtlsSrtpConfig.client(cert, fingerprint, leg), transport)
                : DtlsSrtpSession.handshakeAsServer(DtlsSrtpConfig.server(cert, fingerprint, leg::equals), transport);
    }

    @Test
    void fingerprintMismatchEndsTheMediaAndTellsTheListener() throws Exception {
        DtlsCertificate peerCert = DtlsCertificate.generateSelfSigned("peer", Duration.ofDays(1));
        DtlsCertificate announced = DtlsCertificate.generateSelfSigned("someone-else", Duration.ofDays(1));
        RecordingListener listener = new RecordingListener();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LO, 0))) {
            PeerTransport transport = new PeerTransport(socket);
            DefaultMediaLeg leg = openLeg(listener, true);
            String answer = leg.answer(offer(socket.getLocalPort(), announced, "passive"));
            InetSocketAddress legAddress = new InetSocketAddress(LO, RtpPeer.answeredPort(answer));
            Future<DtlsSrtpSession> handshake = pool.submit(() -> DtlsSrtpSession.handshakeAsServer(
                    DtlsSrtpConfig.server(peerCert, fingerprintOf(answer), legAddress::equals).withTimeoutMillis(4000),
                    transport));
            await().atMost(Duration.ofSeconds(10)).until(() -> !listener.securityFailures.isEmpty());
            assertThat(listener.securityFailures.get(0)).contains("FINGERPRINT_MISMATCH");
            assertThat(leg.srtpMode()).isEqualTo(LegSrtp.Mode.FAILED);
            try {
                handshake.get(6, TimeUnit.SECONDS).close();
            } catch (Exception expected) {
                // the peer's handshake fails too: we aborted it
            }
            long sent = leg.stats().packetsSent();
            transport.media.clear();
            Thread.sleep(300);
            assertThat(transport.media).as("nothing is sent in the clear or otherwise").isEmpty();
            assertThat(leg.stats().packetsSent()).isEqualTo(sent);
        }
    }

    @Test
    void dtlsFromAnAddressSignallingDidNotGiveIsIgnored() throws Exception {
        DtlsCertificate peerCert = DtlsCertificate.generateSelfSigned("peer", Duration.ofDays(1));
        RecordingListener listener = new RecordingListener();
        try (DatagramSocket signalled = new DatagramSocket(new InetSocketAddress(LO, 0));
             DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(LO, 0))) {
            DefaultMediaLeg leg = openLeg(listener, true);
            // the peer is active: we wait as the server, and a stranger tries to be our client
            String answer = leg.answer(offer(signalled.getLocalPort(), peerCert, "active"));
            InetSocketAddress legAddress = new InetSocketAddress(LO, RtpPeer.answeredPort(answer));
            Future<DtlsSrtpSession> intruder = pool.submit(() -> DtlsSrtpSession.handshakeAsClient(
                    DtlsSrtpConfig.client(peerCert, fingerprintOf(answer), legAddress).withTimeoutMillis(2500),
                    new PeerTransport(stranger)));
            await().atMost(Duration.ofSeconds(5)).until(() -> leg.drops(DropReason.DTLS_IGNORED) >= 1);
            try {
                intruder.get(6, TimeUnit.SECONDS).close();
                throw new AssertionError("a stranger completed a DTLS handshake with the leg");
            } catch (java.util.concurrent.ExecutionException expected) {
                assertThat(expected.getCause()).hasMessageContaining("TIMEOUT");
            }
            assertThat(leg.srtpMode()).isEqualTo(LegSrtp.Mode.PENDING);
            assertThat(listener.securityFailures).isEmpty();
        }
    }
}
