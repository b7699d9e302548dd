package org.voxgate.lab.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.voxgate.srtp.SdesCrypto;
import org.voxgate.srtp.SrtpContext;
import org.voxgate.srtp.SrtpKeys;
import org.voxgate.srtp.SrtpPacket;
import org.voxgate.srtp.SrtpStatus;

/**
 * A leg whose call ended is retired from the RTP engine: its SDES key and both SRTP contexts are
 * wiped at once, while another leg of the same engine goes on sending and receiving SRTP.
 */
class RtpEngineRetireTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void anEndedLegsKeysAreWipedWhileTheOtherLegContinues() throws Exception {
        SdesCrypto nodeKey = SdesCrypto.generate(1, SrtpLeg.PROFILE, new SecureRandom());
        try (DatagramSocket nodeA = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             DatagramSocket nodeB = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             RtpEngine engine = new RtpEngine()) {
            CallMedia a = answered(nodeKey, nodeA);
            CallMedia b = answered(nodeKey, nodeB);
            engine.add(a);
            engine.add(b);
            a.start(nodeA.getLocalSocketAddress(), "", 0);
            b.start(nodeB.getLocalSocketAddress(), "", 0);
            AtomicInteger atB = count(nodeB);
            AtomicInteger atA = count(nodeA);
            await().atMost(Duration.ofSeconds(3)).until(() -> atA.get() > 3 && atB.get() > 3);

            a.close(); // what LoadCall.end does: the socket first, then onMediaOver
            engine.retire(a);
            await().atMost(Duration.ofSeconds(2)).until(() -> engine.keysWiped() == 1);
            assertThat(a.srtpLeg().closed()).isTrue();
            assertThat(b.srtpLeg().closed()).isFalse();

            int bBefore = atB.get();
            int aAfterRetire = atA.get();
            // the node sends B five SRTP packets under its key: B still unprotects them
            try (SrtpKeys keys = nodeKey.srtpKeys(); SrtpContext tx = SrtpContext.forSending(nodeKey.policy(), keys)) {
                for (int i = 0; i < 5; i++) {
                    byte[] p = new byte[12 + 160 + tx.maxOverhead()];
                    ByteBuffer.wrap(p).put((byte) 0x80).put((byte) 0).putShort((short) (100 + i)).putInt(160 * i)
                            .putInt(0x1234);
                    SrtpPacket pkt = new SrtpPacket().set(p, 0, 12 + 160);
                    assertThat(tx.protect(pkt)).isEqualTo(SrtpStatus.OK);
                    nodeB.send(new DatagramPacket(p, pkt.length(), b.channel.getLocalAddress()));
                }
            }
            await().atMost(Duration.ofSeconds(2)).until(() -> atB.get() > bBefore + 5); // B keeps sending
            Thread.sleep(100);
            assertThat(atA.get()).isLessThanOrEqualTo(aAfterRetire + 1); // A stopped (one may have been in flight)
            engine.close(); // joins the threads: the counts below are safe to read
            assertThat(b.stats.snapshot().received()).isEqualTo(5);
            assertThat(b.srtpCounts().otherRefusals()).isZero();
            assertThat(b.srtpCounts().authFailures()).isZero();
            assertThat(b.srtpLeg().closed()).isFalse();
            b.close();
            b.closeKeys();
            assertThat(b.srtpLeg().closed()).isTrue();
        } finally {
            nodeKey.close();
        }
    }

    @Test
    void aLegRetiredAfterTheEngineClosedIsWipedAtOnce() throws Exception {
        SdesCrypto nodeKey = SdesCrypto.generate(1, SrtpLeg.PROFILE, new SecureRandom());
        try (DatagramSocket node = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            RtpEngine engine = new RtpEngine();
            CallMedia c = answered(nodeKey, node);
            engine.add(c);
            engine.close();
            c.close();
            engine.retire(c);
            assertThat(engine.keysWiped()).isEqualTo(1);
            assertThat(c.srtpLeg().closed()).isTrue();
        } finally {
            nodeKey.close();
        }
    }

    /** An SRTP leg that took the node's answer (its key) from an SDP answer. */
    private static CallMedia answered(SdesCrypto nodeKey, DatagramSocket node) throws Exception {
        CallMedia leg = new CallMedia(LOOPBACK, true, true);
        String answer = "v=0\r\no=node 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + node.getLocalPort() + " RTP/SAVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n" + nodeKey.toAttributeLine() + "\r\n";
        assertThat(leg.onAnswer(answer)).isNull();
        return leg;
    }

    /** Counts datagrams arriving at {@code socket} on a daemon thread. */
    private static AtomicInteger count(DatagramSocket socket) {
        AtomicInteger n = new AtomicInteger();
        Thread t = new Thread(() -> {
            byte[] buf = new byte[2048];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            while (true) {
                try {
                    p.setLength(buf.length);
                    socket.receive(p);
                    n.incrementAndGet();
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }, "count-" + socket.getLocalPort());
        t.setDaemon(true);
        t.start();
        return n;
    }
}
