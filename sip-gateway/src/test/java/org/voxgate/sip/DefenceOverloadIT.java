package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.MediaBridge;
import org.voxgate.sip.fake.FakeDirectory;
import org.voxgate.sip.fake.LoopbackBridge;
import org.voxgate.sip.sipp.Sipp;
import org.voxgate.sip.wire.Messages;
import org.voxgate.sip.wire.UdpSipClient.SipMessage;
import org.voxgate.sip.wire.UdpSipClient;
import org.voxgate.testing.Peers;

/**
 * Overload with the real audio bridge: a call is up and exchanging RTP; SIPp floods new INVITEs
 * from a trusted source (so only the node limit acts) faster than the node's new-INVITE rate.
 * The flood gets 503 with Retry-After while the call in progress keeps receiving its audio.
 */
class DefenceOverloadIT {
    private static final int INVITES_PER_SECOND = 2;
    private static final Pattern AUDIO_PORT = Pattern.compile("m=audio (\\d+)");

    private MediaBridge bridge;
    private SipGateway gateway;
    private int port;

    @BeforeEach
    void start() throws Exception {
        Peers.requireCommand("sipp");
        port = Sipp.freePort();
        InetAddress lo = InetAddress.getLoopbackAddress();
        bridge = LoopbackBridge.create(200);
        // load ratio 1.0: on a busy test machine only the INVITE rate decides, deterministically
        SipDefenceConfig defence = SipDefenceConfig.defaults().withTrustedNetworks(List.of("127.0.0.3"))
                .withOverload(INVITES_PER_SECOND, 1.0);
        gateway = new SipGateway(SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(port, port)
                .withIvrTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30)).withDefence(defence), bridge,
                new FakeDirectory().add(new Meeting("m-open", "1234", null, null, 10)));
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.close();
        bridge.close();
    }

    @Test
    void anInviteFloodGets503WhileTheCallInProgressKeepsItsAudio() throws Exception {
        try (UdpSipClient client = new UdpSipClient(port); DatagramSocket rtp = new DatagramSocket(0,
                InetAddress.getLoopbackAddress())) {
            Messages.Dialog d = Messages.newDialog(client.localPort(), port);
            String offer = Messages.PCMU_OFFER.replace("m=audio 6000", "m=audio " + rtp.getLocalPort());
            client.send(Messages.invite("conf", d, "", offer));
            SipMessage ok = client.finalResponse("INVITE", Duration.ofSeconds(5));
            assertThat(ok).isNotNull();
            assertThat(ok.status()).isEqualTo(200);
            Messages.Dialog call = d.withToTag(ok.toTag());
            client.send(Messages.ack(call, 1));
            Matcher m = AUDIO_PORT.matcher(ok.body());
            assertThat(m.find()).as(ok.body()).isTrue();
            int bridgePort = Integer.parseInt(m.group(1));

            ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread receiver = new Thread(() -> receive(rtp, arrivals, running), "rtp-in");
            Thread sender = new Thread(() -> send(rtp, bridgePort, running), "rtp-out");
            receiver.start();
            sender.start();
            try {
                Thread.sleep(1_500); // the call settles; the INVITE bucket refills
                long floodStart = System.nanoTime();
                Sipp.Result flood = Sipp.runFrom("127.0.0.3", "invite-flood.xml", port, Map.of(),
                        List.of("-r", "40", "-mp", Integer.toString(Sipp.freePort())), 40, 40);
                long floodEnd = System.nanoTime();
                assertThat(flood.passed()).as("every flood INVITE got 200 or 503 with Retry-After: " + flood).isTrue();

                long refused = gateway.statistics().responsesSent()
                        .getOrDefault(new SipStatistics.MethodStatus("INVITE", 503), 0L);
                assertThat(refused).as("INVITEs over %d a second refused", INVITES_PER_SECOND).isGreaterThanOrEqualTo(30);
                assertThat(gateway.statistics().securityRejections().get(SecurityReason.OVERLOAD)).isEqualTo(refused);

                List<Long> during = arrivals.stream().filter(t -> t >= floodStart && t <= floodEnd).toList();
                double seconds = (floodEnd - floodStart) / 1e9;
                assertThat(during.size()).as("RTP packets to the call during a %.1f s flood", seconds)
                        .isGreaterThanOrEqualTo((int) (seconds * 50 * 0.7));
                long maxGapMs = 0;
                for (int i = 1; i < during.size(); i++) {
                    maxGapMs = Math.max(maxGapMs, (during.get(i) - during.get(i - 1)) / 1_000_000);
                }
                assertThat(maxGapMs).as("longest gap in the call's audio").isLessThan(300);
            } finally {
                running.set(false);
                sender.join(1_000);
            }
            client.send(Messages.inDialog("BYE", call, 2, "", null, null));
            SipMessage bye = client.finalResponse("BYE", Duration.ofSeconds(3));
            assertThat(bye).as("the call was still up").isNotNull();
            assertThat(bye.status()).isEqualTo(200);
            rtp.close();
            receiver.join(1_000);
        }
    }

    private static void receive(DatagramSocket rtp, ConcurrentLinkedQueue<Long> arrivals, AtomicBoolean running) {
        byte[] buf = new byte[1500];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            rtp.setSoTimeout(200);
        } catch (SocketException e) {
            return;
        }
        while (running.get()) {
            try {
                rtp.receive(p);
                if (p.getLength() >= 12 && (buf[0] & 0xc0) == 0x80 && (buf[1] & 0x7f) < 64) {
                    arrivals.add(System.nanoTime()); // RTP, not RTCP (RFC 5761 section 4)
                }
            } catch (java.net.SocketTimeoutException e) {
                // keep waiting
            } catch (java.io.IOException e) {
                return;
            }
        }
    }

    /** PCMU silence, 20 ms a packet (RFC 3551), so the bridge sees a live caller. */
    private static void send(DatagramSocket rtp, int bridgePort, AtomicBoolean running) {
        byte[] pkt = new byte[12 + 160];
        java.util.Arrays.fill(pkt, 12, pkt.length, (byte) 0xff);
        pkt[0] = (byte) 0x80;
        int ssrc = 0x1234abcd;
        InetAddress lo = InetAddress.getLoopbackAddress();
        long next = System.nanoTime();
        for (int seq = 0; running.get(); seq++) {
            pkt[2] = (byte) (seq >> 8);
            pkt[3] = (byte) seq;
            int ts = seq * 160;
            pkt[4] = (byte) (ts >> 24);
            pkt[5] = (byte) (ts >> 16);
            pkt[6] = (byte) (ts >> 8);
            pkt[7] = (byte) ts;
            pkt[8] = (byte) (ssrc >> 24);
            pkt[9] = (byte) (ssrc >> 16);
            pkt[10] = (byte) (ssrc >> 8);
            pkt[11] = (byte) ssrc;
            try {
                rtp.send(new DatagramPacket(pkt, pkt.length, lo, bridgePort));
            } catch (java.io.IOException e) {
                return;
            }
            next += 20_000_000L;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(sleep);
            }
        }
    }
}
