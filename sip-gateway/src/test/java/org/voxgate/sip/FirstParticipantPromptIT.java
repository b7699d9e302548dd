package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.bridge.AudioBridges;
import org.voxgate.bridge.BridgeConfig;
import org.voxgate.bridge.api.MediaBridge;
import org.voxgate.sip.fake.FakeDirectory;
import org.voxgate.sip.wire.Messages;
import org.voxgate.sip.wire.UdpSipClient;
import org.voxgate.testing.MuLaw;
import org.voxgate.testing.Tones;

/**
 * The first caller of a meeting hears "Joining. You are the only participant in this meeting."
 * (4 s). A second caller who joins in the middle of it cuts it: the first hears the entry tone and
 * then the newcomer (a 1 kHz tone here) within a second of the newcomer's INVITE, not when the
 * prompt would have ended. Both callers are in-JVM UACs on loopback (SIP over UDP, PCMU RTP from
 * a real socket) against the gateway with the real audio bridge.
 */
class FirstParticipantPromptIT {
    private static final Pattern AUDIO_PORT = Pattern.compile("m=audio (\\d+)");
    private static final int FRAME = 160;

    private MediaBridge bridge;
    private SipGateway gateway;
    private int port;

    @BeforeEach
    void start() throws Exception {
        port = org.voxgate.testing.FreePorts.anyUdp();
        InetAddress lo = InetAddress.getLoopbackAddress();
        int rtpBase = 2 * ThreadLocalRandom.current().nextInt(15_000, 20_000);
        bridge = AudioBridges.create(new BridgeConfig(lo, lo, rtpBase, rtpBase + 99, Duration.ofSeconds(30), 1,
                List.of("PCMU", "PCMA"), 20, 200));
        gateway = new SipGateway(SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(port, port), bridge,
                new FakeDirectory().add(new Meeting("m-alone", "5151", null, null, 10)));
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.close();
        bridge.close();
    }

    @Test
    void aSecondCallerCutsTheOnlyParticipantPromptAndIsHeardWithinASecond() throws Exception {
        try (Caller a = new Caller(0); Caller b = new Caller(1000)) {
            long aInvite = System.nanoTime();
            a.call(port);
            Thread.sleep(2_400); // JOINING is 1.6 s: A is 0.8 s into ONLY_PARTICIPANT, which runs to 4.0 s
            long bInvite = System.nanoTime();
            b.call(port);
            long bAnswered = System.nanoTime();
            Thread.sleep(2_000);

            List<Frame> heard = a.heard();
            double promptDbfs = rms(heard, aInvite + 500_000_000L, bInvite);
            long entryTone = first(heard, bInvite, 660);
            long bTone = first(heard, bInvite, 1000);
            long bToneMs = bTone < 0 ? -1 : (bTone - bInvite) / 1_000_000;
            int withTone = 0;
            int after = 0;
            for (Frame f : heard) {
                if (bTone >= 0 && f.atNanos > bTone + 300_000_000L && f.atNanos <= bTone + 1_300_000_000L) {
                    after++;
                    withTone += hasTone(f, 1000) ? 1 : 0;
                }
            }
            System.out.printf("A alone: prompt at %.1f dBFS; B's INVITE to 200 OK %d ms; entry tone at +%d ms; "
                            + "B's tone at +%d ms; then in %d of %d frames%n", promptDbfs,
                    (bAnswered - bInvite) / 1_000_000, entryTone < 0 ? -1 : (entryTone - bInvite) / 1_000_000,
                    bToneMs, withTone, after);
            assertThat(promptDbfs).as("A alone hears the prompt").isGreaterThan(-40);
            assertThat(entryTone).as("A hears the entry tone of B").isPositive();
            assertThat(bToneMs).as("ms from B's INVITE until A hears B (the prompt would run 1.6 s more)")
                    .isBetween(0L, 1_000L);
            assertThat(withTone).as("frames of the following second with B's tone").isGreaterThanOrEqualTo(after * 9 / 10);
            assertThat(after).isGreaterThanOrEqualTo(40);
            a.hangUp();
            b.hangUp();
        }
    }

    private static boolean hasTone(Frame f, double hz) {
        return Tones.snrDb(f.pcm, 0, FRAME, hz, 8000) >= 20 && Tones.rmsDbfs(f.pcm, 0, FRAME) > -40;
    }

    /** Arrival of the first frame after {@code from} that holds {@code hz}, or -1. */
    private static long first(List<Frame> frames, long from, double hz) {
        for (Frame f : frames) {
            if (f.atNanos >= from && hasTone(f, hz)) {
                return f.atNanos;
            }
        }
        return -1;
    }

    private static double rms(List<Frame> frames, long from, long to) {
        double sum = 0;
        int n = 0;
        for (Frame f : frames) {
            if (f.atNanos >= from && f.atNanos < to) {
                for (short s : f.pcm) {
                    sum += (double) s * s;
                }
                n += FRAME;
            }
        }
        return n == 0 ? -200 : 10 * Math.log10(sum / n / (32768.0 * 32768.0));
    }

    private record Frame(long atNanos, short[] pcm) {}

    /** A UAC with one RTP socket: sends silence or a tone every 20 ms, records what it hears. */
    private static final class Caller implements AutoCloseable {
        private final DatagramSocket rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        private final double toneHz;
        private final List<Frame> heard = new ArrayList<>();
        private volatile boolean running = true;
        private volatile InetSocketAddress bridgeRtp;
        private Messages.Dialog dialog;
        private Thread sender;
        private Thread receiver;

        Caller(double toneHz) throws IOException {
            this.toneHz = toneHz;
        }

        private UdpSipClient client;

        void call(int gatewayPort) throws Exception {
            client = new UdpSipClient(gatewayPort);
            Messages.Dialog d = Messages.newDialog(client.localPort(), gatewayPort);
            String offer = Messages.PCMU_OFFER.replace("m=audio 6000", "m=audio " + rtp.getLocalPort());
            client.send(Messages.invite("direct-5151", d, "", offer));
            UdpSipClient.SipMessage ok = client.finalResponse("INVITE", Duration.ofSeconds(5));
            assertThat(ok).isNotNull();
            assertThat(ok.status()).isEqualTo(200);
            dialog = d.withToTag(ok.toTag());
            client.send(Messages.ack(dialog, 1));
            Matcher m = AUDIO_PORT.matcher(ok.body());
            assertThat(m.find()).as(ok.body()).isTrue();
            bridgeRtp = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(1)));
            receiver = new Thread(this::receive, "rtp-in-" + rtp.getLocalPort());
            sender = new Thread(this::send, "rtp-out-" + rtp.getLocalPort());
            receiver.start();
            sender.start();
        }

        private void send() {
            short[] pcm = toneHz > 0 ? Tones.sine(toneHz, -10, 20, 8000) : new short[FRAME];
            byte[] packet = new byte[12 + FRAME];
            int seq = 1;
            long ts = 0;
            long next = System.nanoTime();
            while (running) {
                packet[0] = (byte) 0x80;
                packet[1] = 0;
                packet[2] = (byte) (seq >> 8);
                packet[3] = (byte) seq;
                packet[4] = (byte) (ts >> 24);
                packet[5] = (byte) (ts >> 16);
                packet[6] = (byte) (ts >> 8);
                packet[7] = (byte) ts;
                packet[8] = 0x12;
                packet[11] = (byte) rtp.getLocalPort();
                for (int i = 0; i < FRAME; i++) {
                    packet[12 + i] = MuLaw.encode(pcm[i]);
                }
                try {
                    rtp.send(new DatagramPacket(packet, packet.length, bridgeRtp));
                } catch (IOException e) {
                    return;
                }
                seq++;
                ts += FRAME;
                next += 20_000_000L;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }

        private void receive() {
            byte[] buf = new byte[1500];
            try {
                rtp.setSoTimeout(200);
            } catch (IOException e) {
                return;
            }
            while (running) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    rtp.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                } catch (IOException e) {
                    return;
                }
                long now = System.nanoTime();
                if (p.getLength() != 12 + FRAME || (buf[1] & 0x7f) != 0) {
                    continue; // PCMU 20 ms frames only (RTCP and events aside)
                }
                short[] pcm = new short[FRAME];
                for (int i = 0; i < FRAME; i++) {
                    pcm[i] = MuLaw.decode(buf[12 + i]);
                }
                synchronized (heard) {
                    heard.add(new Frame(now, pcm));
                }
            }
        }

        List<Frame> heard() {
            synchronized (heard) {
                return new ArrayList<>(heard);
            }
        }

        void hangUp() throws IOException {
            client.send(Messages.inDialog("BYE", dialog, 2, "", null, null));
            UdpSipClient.SipMessage r = client.finalResponse("BYE", Duration.ofSeconds(3));
            assertThat(r).as("BYE answered").isNotNull();
            assertThat(r.status()).isEqualTo(200);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            if (sender != null) {
                sender.join(1_000);
                receiver.join(1_000);
            }
            rtp.close();
            if (client != null) {
                client.close();
            }
        }
    }
}
