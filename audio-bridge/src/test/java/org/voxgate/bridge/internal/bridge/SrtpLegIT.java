package org.voxgate.bridge.internal.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.SdpException;
import org.voxgate.bridge.internal.leg.DefaultMediaLeg;
import org.voxgate.bridge.internal.rtp.DropReason;
import org.voxgate.bridge.internal.srtp.LegSrtp;
import org.voxgate.srtp.SdesCrypto;
import org.voxgate.srtp.SrtpContext;
import org.voxgate.srtp.SrtpKeys;
import org.voxgate.srtp.SrtpPacket;
import org.voxgate.srtp.SrtpProfile;
import org.voxgate.srtp.SrtpStatus;

/** SDES-SRTP legs against loopback sockets keyed with the srtp module (itself checked against libsrtp). */
class SrtpLegIT {
    private static final InetAddress LO = InetAddress.getLoopbackAddress();
    private final SecureRandom random = new SecureRandom();
    private DefaultMediaBridge bridge;

    @AfterEach
    void close() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private DefaultMediaLeg openLeg(String callId, boolean secure) throws Exception {
        if (bridge == null) {
            bridge = new DefaultMediaBridge(Bridges.config(Duration.ofSeconds(30)), System::nanoTime, Bridges.tuning());
        }
        return (DefaultMediaLeg) bridge.openLeg(LegOptions.forCall(callId).withSecureSignalling(secure),
                new RecordingListener());
    }

    private static SdesCrypto answeredCrypto(String answer) throws Exception {
        Matcher m = Pattern.compile("a=crypto:[^\r\n]*").matcher(answer);
        assertThat(m.find()).as("a=crypto in answer:\n" + answer).isTrue();
        return SdesCrypto.parse(m.group());
    }

    @Test
    void sdesProtectsRtpAndRtcpBothWays() throws Exception {
        try (SrtpPeer peer = new SrtpPeer(0x1234);
             SdesCrypto ours = SdesCrypto.generate(3, SrtpProfile.AES_CM_128_HMAC_SHA1_80, random)) {
            DefaultMediaLeg leg = openLeg("sdes", true);
            String answer = leg.answer(peer.offer("RTP/SAVP", ours.toAttributeLine() + "\r\n"));
            assertThat(answer).contains(" RTP/SAVP 0").contains("a=crypto:3 AES_CM_128_HMAC_SHA1_80 inline:");
            InetSocketAddress to = new InetSocketAddress(LO, RtpPeer.answeredPort(answer));
            try (SdesCrypto theirs = answeredCrypto(answer); SrtpKeys tx = ours.srtpKeys(); SrtpKeys rx = theirs.srtpKeys();
                 SrtpContext send = SrtpContext.forSending(ours.policy(), tx);
                 SrtpContext sendRtcp = SrtpContext.forSending(ours.policy(), tx);
                 SrtpContext receive = SrtpContext.forReceiving(theirs.policy(), rx)) {
                // 60 packets across the sequence-number wrap
                for (int i = 0; i < 60; i++) {
                    byte[] p = peer.nextTonePacket(1004, 8000);
                    SrtpPacket sp = new SrtpPacket(p, 0, SrtpPeer.PACKET_BYTES);
                    assertThat(send.protect(sp)).isEqualTo(SrtpStatus.OK);
                    peer.send(peer.rtp, to, p, sp.length());
                    Thread.sleep(2);
                }
                await().atMost(Duration.ofSeconds(2)).until(() -> leg.stats().packetsReceived() == 60);
                assertThat(leg.drops(DropReason.SRTP)).isZero();

                // an SRTCP receiver report from the peer is accepted
                byte[] rr = {(byte) 0x80, (byte) 201, 0, 1, 0, 0, 0x12, 0x34, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
                byte[] rtcp = Arrays.copyOf(rr, 8 + 64);
                SrtpPacket rp = new SrtpPacket(rtcp, 0, 8);
                assertThat(sendRtcp.protectRtcp(rp)).isEqualTo(SrtpStatus.OK);
                peer.send(peer.rtcp, new InetSocketAddress(LO, to.getPort() + 1), rtcp, rp.length());

                // what the leg sends (silence outside a conference) is SRTP under the key it answered
                await().atMost(Duration.ofSeconds(2)).until(() -> peer.received().stream().filter(d -> !d.rtcpSocket()).count() > 20);
                await().atMost(Duration.ofSeconds(3)).until(() -> peer.received().stream().anyMatch(SrtpPeer.Datagram::rtcpSocket));
                int rtpOk = 0;
                for (SrtpPeer.Datagram d : peer.received()) {
                    byte[] b = d.data().clone();
                    SrtpPacket sp = new SrtpPacket(b, 0, b.length);
                    if (d.rtcpSocket()) {
                        assertThat(receive.unprotectRtcp(sp)).isEqualTo(SrtpStatus.OK);
                        assertThat(b[1] & 0xFF).isIn(200, 201);
                    } else {
                        // 12 + 160 + 10-byte tag; the ciphertext of silence is not mu-law silence
                        assertThat(b.length).isEqualTo(182);
                        assertThat(countOf(d.data(), 12, 172, (byte) 0xFF)).isLessThan(20);
                        assertThat(receive.unprotect(sp)).isEqualTo(SrtpStatus.OK);
                        assertThat(sp.length()).isEqualTo(172);
                        assertThat(countOf(b, 12, 172, (byte) 0xFF)).isEqualTo(160);
                        rtpOk++;
                    }
                }
                assertThat(rtpOk).isGreaterThan(20);
                assertThat(leg.drops(DropReason.SRTP)).isZero();
                assertThat(leg.drops(DropReason.BAD_RTCP)).isZero();
            }
        }
    }

    @Test
    void tamperedReplayedAndPlainPacketsAreCountedByStatusAndDropped() throws Exception {
        try (SrtpPeer peer = new SrtpPeer(0x99);
             SdesCrypto ours = SdesCrypto.generate(1, SrtpProfile.AEAD_AES_128_GCM, random)) {
            DefaultMediaLeg leg = openLeg("tamper", true);
            String answer = leg.answer(peer.offer("RTP/SAVP", ours.toAttributeLine() + "\r\n"));
            assertThat(answer).contains("a=crypto:1 AEAD_AES_128_GCM ");
            InetSocketAddress to = new InetSocketAddress(LO, RtpPeer.answeredPort(answer));
            try (SrtpKeys tx = ours.srtpKeys(); SrtpContext send = SrtpContext.forSending(ours.policy(), tx)) {
                byte[] good = peer.nextTonePacket(1004, 8000);
                SrtpPacket sp = new SrtpPacket(good, 0, SrtpPeer.PACKET_BYTES);
                send.protect(sp);
                int len = sp.length();
                peer.send(peer.rtp, to, good, len);
                await().atMost(Duration.ofSeconds(2)).until(() -> leg.stats().packetsReceived() == 1);
                peer.send(peer.rtp, to, good, len); // replay
                byte[] flipped = peer.nextTonePacket(1004, 8000);
                SrtpPacket fp = new SrtpPacket(flipped, 0, SrtpPeer.PACKET_BYTES);
                send.protect(fp);
                flipped[40] ^= 1;
                peer.send(peer.rtp, to, flipped, fp.length());
                byte[] plain = peer.nextTonePacket(1004, 8000);
                peer.send(peer.rtp, to, plain, SrtpPeer.PACKET_BYTES); // plain RTP on an SRTP leg
                peer.send(peer.rtp, to, plain, 15); // too short for a GCM tag
                await().atMost(Duration.ofSeconds(2)).until(() -> leg.drops(DropReason.SRTP) == 4);
                assertThat(leg.srtpRefused(SrtpStatus.REPLAYED)).isEqualTo(1);
                assertThat(leg.srtpRefused(SrtpStatus.AUTH_FAIL)).isEqualTo(2);
                assertThat(leg.srtpRefused(SrtpStatus.TOO_SHORT_FOR_TAG) + leg.srtpRefused(SrtpStatus.TRUNCATED))
                        .isEqualTo(1);
                assertThat(leg.stats().packetsReceived()).isEqualTo(1);
                // the leg still takes good packets
                byte[] next = peer.nextTonePacket(1004, 8000);
                SrtpPacket np = new SrtpPacket(next, 0, SrtpPeer.PACKET_BYTES);
                send.protect(np);
                peer.send(peer.rtp, to, next, np.length());
                await().atMost(Duration.ofSeconds(2)).until(() -> leg.stats().packetsReceived() == 2);
            }
        }
    }

    @Test
    void sdesOverPlainSignallingIsRefusedAndNothingIsKeyed() throws Exception {
        try (SrtpPeer peer = new SrtpPeer(5); SdesCrypto ours = SdesCrypto.generate(1, SrtpProfile.AES_CM_128_HMAC_SHA1_80, random)) {
            DefaultMediaLeg leg = openLeg("plain", false);
            assertThatThrownBy(() -> leg.answer(peer.offer("RTP/SAVP", ours.toAttributeLine() + "\r\n")))
                    .isInstanceOf(SdpException.class)
                    .satisfies(e -> assertThat(((SdpException) e).warningCode()).isEqualTo(302));
            assertThat(leg.srtpMode()).isEqualTo(LegSrtp.Mode.PLAIN);
        }
    }

    @Test
    void reofferWithTheSameKeysKeepsTheStreamAndCloseEndsIt() throws Exception {
        try (SrtpPeer peer = new SrtpPeer(0x77);
             SdesCrypto ours = SdesCrypto.generate(1, SrtpProfile.AES_CM_128_HMAC_SHA1_80, random)) {
            DefaultMediaLeg leg = openLeg("reoffer", true);
            String offer = peer.offer("RTP/SAVP", ours.toAttributeLine() + "\r\n");
            String answer = leg.answer(offer);
            InetSocketAddress to = new InetSocketAddress(LO, RtpPeer.answeredPort(answer));
            try (SrtpKeys tx = ours.srtpKeys(); SrtpContext send = SrtpContext.forSending(ours.policy(), tx)) {
                for (int i = 0; i < 40; i++) {
                    if (i == 20) {
                        // hold and resume with the same keys: same a=crypto answer, no re-keying
                        String held = leg.answer(offer.replace("a=sendrecv", "a=sendonly").replace(" 1 1 IN", " 1 2 IN"));
                        assertThat(answeredCrypto(held).format()).isEqualTo(answeredCrypto(answer).format());
                        leg.answer(offer.replace(" 1 1 IN", " 1 3 IN"));
                    }
                    byte[] p = peer.nextTonePacket(1004, 8000);
                    SrtpPacket sp = new SrtpPacket(p, 0, SrtpPeer.PACKET_BYTES);
                    send.protect(sp);
                    peer.send(peer.rtp, to, p, sp.length());
                    Thread.sleep(2);
                }
                await().atMost(Duration.ofSeconds(2)).until(() -> leg.stats().packetsReceived() == 40);
                assertThat(leg.drops(DropReason.SRTP)).isZero();
            }
            leg.close();
            assertThat(leg.srtpMode()).isEqualTo(LegSrtp.Mode.FAILED);
        }
    }

    private static int countOf(byte[] b, int from, int to, byte value) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                n++;
            }
        }
        return n;
    }

}
