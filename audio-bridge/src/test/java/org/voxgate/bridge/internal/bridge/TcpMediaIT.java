package org.voxgate.bridge.internal.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.voxgate.bridge.BridgeConfig;
import org.voxgate.bridge.TcpMediaConfig;
import org.voxgate.bridge.api.Conference;
import org.voxgate.bridge.api.ConferenceOptions;
import org.voxgate.bridge.api.DtmfEvent;
import org.voxgate.bridge.api.LegListener;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.api.ParticipantRole;
import org.voxgate.bridge.api.SdpException;
import org.voxgate.bridge.internal.leg.DefaultMediaLeg;
import org.voxgate.bridge.internal.rtp.DropReason;
import org.voxgate.bridge.internal.tcp.TcpMediaServer;
import org.voxgate.srtp.DtlsCertificate;
import org.voxgate.srtp.SdesCrypto;
import org.voxgate.srtp.SrtpContext;
import org.voxgate.srtp.SrtpKeys;
import org.voxgate.srtp.SrtpPacket;
import org.voxgate.srtp.SrtpProfile;
import org.voxgate.srtp.SrtpStatus;

/**
 * RTP over TCP (RFC 4571) on real loopback sockets: a TCP client joins a conference and a UDP leg
 * hears it and vice versa (1004 Hz, SNR), over plain TCP, TLS and SRTP; the bridge's active
 * role; connection matching by SSRC; unmatched and broken connections closed and counted; a
 * client that stops reading loses packets but not the mixer's pace.
 */
class TcpMediaIT {
    private static final double HZ = 1004;
    private static final double AMPLITUDE = 10_000;
    private static final LegListener QUIET = new LegListener() {
        @Override
        public void onDtmf(MediaLeg leg, DtmfEvent event) {}

        @Override
        public void onMediaTimeout(MediaLeg leg) {}
    };

    private static DefaultMediaBridge bridge(TcpMediaConfig tcp) {
        BridgeConfig c = Bridges.config(Duration.ofSeconds(30)).withTcpMedia(tcp);
        return new DefaultMediaBridge(c, System::nanoTime, Bridges.tuning());
    }

    private static InetSocketAddress udpTarget(String answer) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), RtpPeer.answeredPort(answer));
    }

    /** B over TCP (with {@code connectTcp}), A over UDP, both in one conference: each hears the other's tone. */
    private static void tcpAndUdpHearEachOther(DefaultMediaBridge bridge, DefaultMediaLeg tcpLeg, TcpRtpPeer b,
                                               RtpPeer a, InetSocketAddress toA) throws Exception {
        Conference conf = bridge.conference("tcp-room-" + tcpLeg.id(), ConferenceOptions.defaults());
        MediaLeg legA = bridge.openLeg(LegOptions.forCall("udp"), QUIET);
        InetSocketAddress to = udpTarget(legA.answer(a.offer("")));
        legA.join(conf, ParticipantRole.PARTICIPANT);
        tcpLeg.join(conf, ParticipantRole.PARTICIPANT);

        b.startTone(HZ, AMPLITUDE);
        Thread.sleep(500);
        a.clearReceived();
        await().atMost(Duration.ofSeconds(5)).until(() -> a.receivedCount() >= 50);
        b.stopSending();
        double udpHears = TcpRtpPeer.medianSnrDb(a.receivedPayloads(), 40, HZ);
        System.out.printf("UDP leg hears the TCP client at %.1f dB SNR%n", udpHears);
        assertThat(udpHears).as("UDP leg hears the TCP leg's 1004 Hz").isGreaterThanOrEqualTo(30);

        Thread.sleep(300);
        a.startTone(to, HZ, AMPLITUDE);
        Thread.sleep(500);
        b.clear();
        await().atMost(Duration.ofSeconds(5)).until(() -> b.rtpPayloads().size() >= 50);
        a.stopSending();
        double tcpHears = TcpRtpPeer.medianSnrDb(b.rtpPayloads(), 40, HZ);
        System.out.printf("TCP client hears the UDP leg at %.1f dB SNR%n", tcpHears);
        assertThat(tcpHears).as("TCP leg hears the UDP leg's 1004 Hz").isGreaterThanOrEqualTo(30);
        assertThat(conf.lateTicks()).isLessThan(100);
        await().atMost(Duration.ofSeconds(3)).until(() -> b.rtcpCount() > 0); // RTCP shares the connection
        assertThat(tcpLeg.drops(DropReason.WRONG_SOURCE)).isZero();
    }

    @Test
    void plainTcpClientAndUdpLegHearEachOtherInAConference() throws Exception {
        try (DefaultMediaBridge bridge = bridge(TcpMediaConfig.on(0));
             RtpPeer a = new RtpPeer(0xA);
             TcpRtpPeer b = new TcpRtpPeer(0xB)) {
            DefaultMediaLeg leg = (DefaultMediaLeg) bridge.openLeg(LegOptions.forCall("tcp"), QUIET);
            String answer = leg.answer(b.offer("TCP/RTP/AVP", "active", 9, ""));
            assertThat(answer).contains("m=audio " + bridge.tcpMediaPort() + " TCP/RTP/AVP 0\r\n")
                    .contains("a=setup:passive").contains("a=connection:new").contains("a=rtcp-mux")
                    .doesNotContain("a=rtcp:").doesNotContain("a=fingerprint");
            b.connect(TcpRtpPeer.answeredPort(answer), null);
            await().atMost(Duration.ofSeconds(2)).until(() -> leg.tcpLink() != null && leg.tcpLink().connected());
            tcpAndUdpHearEachOther(bridge, leg, b, a, null);
            TcpMediaServer.Stats s = bridge.tcpMediaStats();
            assertThat(s.matched()).isEqualTo(1);
            assertThat(s.unmatchedOpen()).isZero();
            assertThat(s.framingErrors()).isZero();
            assertThat(s.malformedFrames()).isZero();
        }
    }

    @Test
    void tlsClientAndUdpLegHearEachOther() throws Exception {
        DtlsCertificate cert = DtlsCertificate.generateSelfSigned("media.voxgate.test", Duration.ofDays(1));
        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(cert.der()));
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(cert.privateKeyPkcs8()));
        TcpMediaConfig tcp = TcpMediaConfig.on(0).withTls(new TcpMediaConfig.Tls(key, List.of(x509)));
        try (DefaultMediaBridge bridge = bridge(tcp);
             RtpPeer a = new RtpPeer(0xA);
             TcpRtpPeer b = new TcpRtpPeer(0xB)) {
            DefaultMediaLeg leg = (DefaultMediaLeg) bridge.openLeg(LegOptions.forCall("tls"), QUIET);
            String answer = leg.answer(b.offer("TCP/TLS/RTP/AVP", "actpass", 9,
                    "a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF\r\n"));
            assertThat(answer).contains(" TCP/TLS/RTP/AVP 0").contains("a=setup:passive")
                    .contains(cert.fingerprintAttribute());

            // the client trusts exactly the certificate whose fingerprint the answer carried
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("bridge", x509);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
            b.connect(TcpRtpPeer.answeredPort(answer), ctx.getSocketFactory());
            SSLSocket s = (SSLSocket) b.socket();
            s.startHandshake();
            assertThat(s.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(DtlsCertificate.fingerprintOf(s.getSession().getPeerCertificates()[0].getEncoded()))
                    .isEqualTo(cert.fingerprint());
            await().atMost(Duration.ofSeconds(2)).until(() -> leg.tcpLink() != null && leg.tcpLink().connected());
            tcpAndUdpHearEachOther(bridge, leg, b, a, null);
            assertThat(bridge.tcpMediaStats().tlsFailures()).isZero();
        }
    }

    @Test
    void tlsOfferWithoutCertificateAndTcpOfferWithTcpOffAreRefused() throws Exception {
        try (DefaultMediaBridge plainOnly = bridge(TcpMediaConfig.on(0));
             DefaultMediaBridge off = new DefaultMediaBridge(Bridges.config(Duration.ofSeconds(30)), System::nanoTime,
                     Bridges.tuning());
             TcpRtpPeer b = new TcpRtpPeer(1)) {
            MediaLeg tlsLeg = plainOnly.openLeg(LegOptions.forCall("x"), QUIET);
            assertRefused(tlsLeg, b.offer("TCP/TLS/RTP/AVP", "active", 9, ""), 302);
            MediaLeg tcpLeg = off.openLeg(LegOptions.forCall("y"), QUIET);
            assertRefused(tcpLeg, b.offer("TCP/RTP/AVP", "active", 9, ""), 302);
            assertThat(off.tcpMediaPort()).isEqualTo(-1);
            MediaLeg hold = plainOnly.openLeg(LegOptions.forCall("z"), QUIET);
            assertRefused(hold, b.offer("TCP/RTP/AVP", "holdconn", 9, ""), 306);
            MediaLeg sdes = plainOnly.openLeg(LegOptions.forCall("w"), QUIET); // SDES keys need secure signalling
            assertRefused(sdes, b.offer("TCP/RTP/SAVP", "active", 9,
                    "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n"), 302);
        }
    }

    private static void assertRefused(MediaLeg leg, String offer, int warnCode) {
        try {
            leg.answer(offer);
            throw new AssertionError("answered: " + offer);
        } catch (SdpException e) {
            assertThat(e.warningCode()).as(e.getMessage()).isEqualTo(warnCode);
        }
    }

    @Test
    void srtpOverTcpBothWays() throws Exception {
        SecureRandom random = new SecureRandom();
        try (DefaultMediaBridge bridge = bridge(TcpMediaConfig.on(0));
             RtpPeer a = new RtpPeer(0xA);
             TcpRtpPeer b = new TcpRtpPeer(0x5EC);
             SdesCrypto ours = SdesCrypto.generate(1, SrtpProfile.AES_CM_128_HMAC_SHA1_80, random)) {
            DefaultMediaLeg leg = (DefaultMediaLeg) bridge.openLeg(LegOptions.forCall("srtp").withSecureSignalling(true), QUIET);
            String answer = leg.answer(b.offer("TCP/RTP/SAVP", "active", 9, ours.toAttributeLine() + "\r\n"));
            assertThat(answer).contains(" TCP/RTP/SAVP 0").contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:");
            Matcher m = Pattern.compile("a=crypto:[^\r\n]*").matcher(answer);
            assertThat(m.find()).isTrue();
            try (SdesCrypto theirs = SdesCrypto.parse(m.group()); SrtpKeys tx = ours.srtpKeys();
                 SrtpKeys rx = theirs.srtpKeys();
                 SrtpContext send = SrtpContext.forSending(ours.policy(), tx);
                 SrtpContext receive = SrtpContext.forReceiving(theirs.policy(), rx)) {
                int[] plaintextSeen = {0};
                b.hooks(p -> {
                    byte[] buf = Arrays.copyOf(p, p.length + 64);
                    SrtpPacket sp = new SrtpPacket(buf, 0, p.length);
                    synchronized (send) {
                        assertThat(send.protect(sp)).isEqualTo(SrtpStatus.OK);
                    }
                    return Arrays.copyOf(buf, sp.length());
                }, f -> {
                    byte[] buf = f.clone();
                    SrtpPacket sp = new SrtpPacket(buf, 0, buf.length);
                    boolean rtcp = buf.length > 1 && (buf[1] & 0xFF) >= 192 && (buf[1] & 0xFF) <= 223;
                    SrtpStatus st;
                    synchronized (receive) {
                        st = rtcp ? receive.unprotectRtcp(sp) : receive.unprotect(sp);
                    }
                    if (st != SrtpStatus.OK) {
                        plaintextSeen[0]++;
                        return null;
                    }
                    return Arrays.copyOf(buf, sp.length());
                });
                b.connect(TcpRtpPeer.answeredPort(answer), null);
                await().atMost(Duration.ofSeconds(2)).until(() -> leg.tcpLink() != null && leg.tcpLink().connected());
                tcpAndUdpHearEachOther(bridge, leg, b, a, null);
                assertThat(plaintextSeen[0]).as("frames from the bridge that were not valid SRTP/SRTCP").isZero();
                assertThat(leg.drops(DropReason.SRTP)).isZero();
            }
        }
    }

    @Test
    void connectionsGoToTheLegWhoseSsrcTheyCarry() throws Exception {
        try (DefaultMediaBridge bridge = bridge(TcpMediaConfig.on(0));
             TcpRtpPeer one = new TcpRtpPeer(1111);
             TcpRtpPeer two = new TcpRtpPeer(2222)) {
            // both offers come from 127.0.0.1: only a=ssrc tells the connections apart
            DefaultMediaLeg legOne = (DefaultMediaLeg) bridge.openLeg(LegOptions.forCall("one"), QUIET);
            DefaultMediaLeg legTwo = (DefaultMediaLeg) bridge.openLeg(LegOptions.forCall("two"), QUIET);
            int port = TcpRtpPeer.answeredPort(legOne.answer(one.offer("TCP/RTP/AVP", "active", 9,
                    "a=ssrc:1111 cname:one\r\n")));
            legTwo.answer(two.offer("TCP/RTP/AVP", "actpass", 9, "a=ssrc:2222 cname:two\r\n"));
            two.connect(port, null); // connects first, but belongs to the second leg
            one.connect(port, null);
            for (int i = 0; i < 5; i++) {
                two.sendTonePacket(HZ, AMPLITUDE);
            }
            await().atMost(Duration.ofSeconds(2)).until(() -> legTwo.stats().packetsReceived() == 5);
            assertThat(legOne.stats().packetsReceived()).isZero();
            for (int i = 0; i < 3; i++) {
                one.sendTonePacket(HZ, AMPLITUDE);
            }
            await().atMost(Duration.ofSeconds(2)).until(() -> legOne.stats().packetsReceived() == 3);
            assertThat(legTwo.stats().packetsReceived()).isEqualTo(5);
            assertThat(bridge.tcpMediaStats().matched()).isEqualTo(2);
        }
    }

    @Test
    void unmatchedAndBrokenConnectionsAreClosedAndCounted() throws Exception {
        try (DefaultMediaBridge bridge = bridge(TcpMediaConfig.on(0).withMatchTimeout(Duration.ofMillis(300)));
             TcpRtpPeer peer = new TcpRtpPeer(0x77)) {
            int port = bridge.tcpMediaPort();
            // nobody waits: closed after the match timeout
            try (Socket stray = new Socket(InetAddress.getLoopbackAddress(), port)) {
                await().atMost(Duration.ofSeconds(1)).until(() -> bridge.tcpMediaStats().unmatchedOpen() == 1);
                stray.setSoTimeout(3000);
                assertThat(stray.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(bridge.tcpMediaStats().unmatchedClosed()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(1)).until(() -> bridge.tcpMediaStats().unmatchedOpen() == 0);

            DefaultMediaLeg leg = (DefaultMediaLeg) bridge.openLeg(LegOptions.forCall("broken"), QUIET);
            leg.answer(peer.offer("TCP/RTP/AVP", "active", 9, ""));
            peer.connect(port, null);
            await().atMost(Duration.ofSeconds(2)).until(() -> leg.tcpLink().connected());
            peer.sendTonePacket(HZ, AMPLITUDE);
            peer.sendFrame(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}); // version 0: dropped, counted
            peer.sendFrame(new byte[0]); // empty: skipped
            await().atMost(Duration.ofSeconds(2)).until(() -> leg.stats().packetsReceived() == 1);
            await().atMost(Duration.ofSeconds(2)).until(() -> bridge.tcpMediaStats().malformedFrames() == 1);
            peer.sendBytes(new byte[] {(byte) 0xFF, (byte) 0xF0}); // LENGTH 65520: framing lost
            await().atMost(Duration.ofSeconds(2)).until(() -> !leg.tcpLink().connected());
            assertThat(bridge.tcpMediaStats().framingErrors()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(3)).until(peer::closedByBridge);
        }
    }

    @Test
    void reOffersKeepOrReplaceTheConnectionAsAConnectionSays() throws Exception {
        try (DefaultMediaBridge bridge = bridge(TcpMediaConfig.on(0));
             TcpRtpPeer first = new TcpRtpPeer(0x1);
             TcpRtpPeer second = new TcpRtpPeer(0x2);
             RtpPeer udp = new RtpPeer(0x3)) {
            DefaultMediaLeg leg = (DefaultMediaLeg) bridge.openLeg(LegOptions.forCall("reoffer"), QUIET);
            String offer = first.offer("TCP/RTP/AVP", "active", 9, "");
            int port = TcpRtpPeer.answeredPort(leg.answer(offer));
            first.connect(port, null);
            await().atMost(Duration.ofSeconds(2)).until(() -> leg.tcpLink().connected());
            var link = leg.tcpLink();

            // RFC 4145 section 5: existing keeps the connection
            String again = leg.answer(offer.replace("a=connection:new", "a=connection:existing").replace(" 1 IN", " 2 IN"));
            assertThat(again).contains("a=connection:existing").contains("a=setup:passive");
            assertThat(leg.tcpLink()).isSameAs(link);
            first.sendTonePacket(HZ, AMPLITUDE);
            await().atMost(Duration.ofSeconds(2)).until(() -> leg.stats().packetsReceived() == 1);

            // new: the old connection closes, the leg waits for another one
            String fresh = leg.answer(offer.replace(" 1 IN", " 3 IN"));
            assertThat(fresh).contains("a=connection:new");
            assertThat(leg.tcpLink()).isNotSameAs(link);
            await().atMost(Duration.ofSeconds(3)).until(first::closedByBridge);
            second.connect(port, null);
            await().atMost(Duration.ofSeconds(2)).until(() -> leg.tcpLink().connected());
            for (int i = 0; i < 3; i++) {
                second.sendTonePacket(HZ, AMPLITUDE);
            }
            // a new SSRC restarts the receiver statistics (RFC 3550 section 8.2): 3, not 4
            await().atMost(Duration.ofSeconds(2)).until(() -> leg.stats().packetsReceived() == 3);

            // back to UDP: the TCP connection closes, media flows over UDP again
            String toUdp = leg.answer(udp.offer(""));
            assertThat(toUdp).contains(" RTP/AVP 0").doesNotContain("a=setup");
            assertThat(leg.tcpLink()).isNull();
            await().atMost(Duration.ofSeconds(3)).until(second::closedByBridge);
            await().atMost(Duration.ofSeconds(2)).until(() -> udp.receivedCount() > 5);
        }
    }

    @Test
    void aPlainConnectionNeverReachesATlsLeg() throws Exception {
        DtlsCertificate cert = DtlsCertificate.generateSelfSigned("media.voxgate.test", Duration.ofDays(1));
        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(cert.der()));
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(cert.privateKeyPkcs8()));
        TcpMediaConfig tcp = TcpMediaConfig.on(0).withTls(new TcpMediaConfig.Tls(key, List.of(x509)))
                .withMatchTimeout(Duration.ofMillis(400));
        try (DefaultMediaBridge bridge = bridge(tcp);
             TcpRtpPeer b = new TcpRtpPeer(0xB)) {
            DefaultMediaLeg leg = (DefaultMediaLeg) bridge.openLeg(LegOptions.forCall("tls-only"), QUIET);
            leg.answer(b.offer("TCP/TLS/RTP/AVP", "active", 9, ""));
            b.connect(bridge.tcpMediaPort(), null); // plain RFC 4571 to the TLS leg's port
            b.sendTonePacket(HZ, AMPLITUDE);
            await().atMost(Duration.ofSeconds(3)).until(() -> bridge.tcpMediaStats().unmatchedClosed() == 1);
            assertThat(leg.tcpLink().connected()).isFalse();
            assertThat(leg.stats().packetsReceived()).isZero();
            assertThat(bridge.tcpMediaStats().unmatchedPackets()).isEqualTo(1);
        }
    }

    @Test
    void bridgeConnectsWhenTheOfferIsPassive() throws Exception {
        try (DefaultMediaBridge bridge = bridge(TcpMediaConfig.on(0));
             ServerSocket listen = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             RtpPeer a = new RtpPeer(0xA);
             TcpRtpPeer b = new TcpRtpPeer(0xB)) {
            DefaultMediaLeg leg = (DefaultMediaLeg) bridge.openLeg(LegOptions.forCall("active"), QUIET);
            String answer = leg.answer(b.offer("TCP/RTP/AVP", "passive", listen.getLocalPort(), ""));
            assertThat(answer).contains("m=audio 9 TCP/RTP/AVP 0").contains("a=setup:active");
            listen.setSoTimeout(3000);
            b.attach(listen.accept());
            await().atMost(Duration.ofSeconds(2)).until(() -> leg.tcpLink().connected());
            tcpAndUdpHearEachOther(bridge, leg, b, a, null);
        }
    }

    @Test
    void aClientThatStopsReadingLosesPacketsButTheMixerKeepsItsPace() throws Exception {
        try (DefaultMediaBridge bridge = bridge(TcpMediaConfig.on(0).withSendQueuePackets(8));
             RtpPeer a = new RtpPeer(0xA);
             RtpPeer c = new RtpPeer(0xC);
             TcpRtpPeer b = new TcpRtpPeer(0xB)) {
            DefaultMediaLeg slow = (DefaultMediaLeg) bridge.openLeg(LegOptions.forCall("slow"), QUIET);
            String answer = slow.answer(b.offer("TCP/RTP/AVP", "active", 9, ""));
            Socket s = new Socket();
            s.setReceiveBufferSize(1024);
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), TcpRtpPeer.answeredPort(answer)));
            s.getOutputStream().write(new byte[] {0, 12, (byte) 0x80, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0xB});
            // ... and never reads
            MediaLeg legA = bridge.openLeg(LegOptions.forCall("a"), QUIET);
            MediaLeg legC = bridge.openLeg(LegOptions.forCall("c"), QUIET);
            InetSocketAddress toA = udpTarget(legA.answer(a.offer("")));
            legC.answer(c.offer(""));
            Conference conf = bridge.conference("slow-room", ConferenceOptions.defaults());
            for (MediaLeg l : List.of(legA, legC, slow)) {
                l.join(conf, ParticipantRole.PARTICIPANT);
            }
            a.startTone(toA, HZ, AMPLITUDE);
            await().atMost(Duration.ofSeconds(15)).until(() -> bridge.tcpMediaStats().sendDrops() > 20);
            c.clearReceived();
            await().atMost(Duration.ofSeconds(3)).until(() -> c.receivedCount() >= 50);
            a.stopSending();
            double snr = TcpRtpPeer.medianSnrDb(c.receivedPayloads(), 40, HZ);
            System.out.printf("slow TCP client: %d packets dropped; UDP listener at %.1f dB; late ticks %d%n",
                    bridge.tcpMediaStats().sendDrops(), snr, conf.lateTicks());
            assertThat(snr).isGreaterThanOrEqualTo(30);
            assertThat(conf.lateTicks()).isLessThan(100);
            assertThat(slow.tcpLink().sendDrops()).isGreaterThan(20);
            s.close();
        }
    }
}
