package org.voxgate.lab.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.voxgate.srtp.DtlsCertificate;

/**
 * The generator's transaction timers against a loopback peer that answers slowly and records
 * every request it gets: over UDP the INVITE and BYE are retransmitted (RFC 3261 timers A and E),
 * over TLS each is sent exactly once (sections 17.1.1.2 and 17.1.2.2), and the set-up timeout
 * (timer B) still ends an unanswered call on both; a 200 that comes after the call gave up is
 * ACKed and ended with a BYE.
 */
class LoadCallTimersTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void udpRetransmitsInviteByTimerAThenByeByTimerE() throws Exception {
        try (UdpPeer peer = new UdpPeer(); SipUac uac = new SipUac(LOOPBACK, peer.address())) {
            AtomicInteger mediaOver = new AtomicInteger();
            LoadCall<FakeMedia> call = call(uac, 0, 20_000);
            call.onMediaOver(mediaOver::incrementAndGet);
            call.start();
            await().atMost(Duration.ofSeconds(6)).until(() -> peer.count("INVITE") >= 4);
            List<Long> invites = peer.times("INVITE");
            // 17.1.1.2: T1 = 500 ms, doubling: 500, 1000, 2000 ms apart (loaded machine: wide margins)
            assertGap(invites, 0, 500);
            assertGap(invites, 1, 1000);
            assertGap(invites, 2, 2000);

            peer.answerOk(peer.first("INVITE"));
            await().atMost(Duration.ofSeconds(2)).until(() -> peer.count("ACK") == 1);
            assertThat(call.state()).isEqualTo(LoadCall.State.UP);
            int invitesAtAnswer = peer.count("INVITE");
            // the answer's key was taken before the ACK (which starts the node's media) went out
            assertThat(call.media().sentAtAnswer).isEqualTo(uac.messagesSent() - 1);

            assertThat(mediaOver).hasValue(0);
            call.hangup();
            assertThat(mediaOver).hasValue(1); // the BYE is out: the leg's keys can go now
            await().atMost(Duration.ofSeconds(3)).until(() -> peer.count("BYE") >= 3);
            List<Long> byes = peer.times("BYE");
            assertGap(byes, 0, 500); // 17.1.2.2: timer E from T1
            assertGap(byes, 1, 1000);
            assertThat(call.state()).isEqualTo(LoadCall.State.ENDING);
            peer.answer(peer.first("BYE"), 200, "OK", null);
            await().atMost(Duration.ofSeconds(2)).until(() -> call.state() == LoadCall.State.ENDED);
            assertThat(peer.count("INVITE")).isEqualTo(invitesAtAnswer); // none after the answer
            assertThat(mediaOver).hasValue(1); // once
        }
    }

    @Test
    void tlsSendsInviteAndByeOnceAndTimerBStillEndsAnUnansweredCall() throws Exception {
        try (TlsPeer peer = new TlsPeer();
             SipUac uac = new SipUac(LOOPBACK, peer.address(), LabTls.clientContext(null))) {
            assertThat(uac.reliable()).isTrue();
            LoadCall<FakeMedia> silent = call(uac, 1, 2_500); // never answered: timer B
            LoadCall<FakeMedia> slow = call(uac, 2, 20_000); // answered after 2 s
            silent.start();
            slow.start();
            Thread.sleep(2_000); // UDP would have sent each INVITE 3 times by now (0, 0.5, 1.5 s)
            assertThat(peer.count("INVITE")).isEqualTo(2);

            peer.answerOk(peer.first("INVITE", slow.callId()));
            await().atMost(Duration.ofSeconds(2)).until(() -> peer.count("ACK") == 1);
            assertThat(slow.state()).isEqualTo(LoadCall.State.UP);
            await().atMost(Duration.ofSeconds(3)).until(() -> silent.state() == LoadCall.State.FAILED);
            assertThat(silent.failure()).startsWith("no final response");

            slow.hangup();
            Thread.sleep(1_700); // UDP: BYE at 0, 0.5 and 1.5 s
            assertThat(peer.count("BYE")).isEqualTo(1);
            assertThat(slow.state()).isEqualTo(LoadCall.State.ENDING);
            peer.answer(peer.first("BYE"), 200, "OK", null);
            await().atMost(Duration.ofSeconds(2)).until(() -> slow.state() == LoadCall.State.ENDED);
            assertThat(peer.count("INVITE")).isEqualTo(2);
        }
    }

    @Test
    void a200AfterTheSetupTimeoutIsAckedAndEndedWithOneBye() throws Exception {
        try (UdpPeer peer = new UdpPeer(); SipUac uac = new SipUac(LOOPBACK, peer.address())) {
            LoadCall<FakeMedia> call = call(uac, 3, 300);
            AtomicInteger mediaOver = new AtomicInteger();
            call.onMediaOver(mediaOver::incrementAndGet);
            call.start();
            await().atMost(Duration.ofSeconds(2)).until(() -> call.state() == LoadCall.State.FAILED);
            SipMessage invite = peer.first("INVITE");
            peer.answerOk(invite); // the node answers late
            await().atMost(Duration.ofSeconds(2)).until(() -> peer.count("ACK") == 1 && peer.count("BYE") == 1);
            SipMessage bye = peer.first("BYE");
            assertThat(SipMessage.param(bye.header("To"), "tag")).isEqualTo("peer");
            peer.answerOk(invite); // a retransmitted 200: ACKed again, no second BYE
            await().atMost(Duration.ofSeconds(2)).until(() -> peer.count("ACK") == 2);
            Thread.sleep(300);
            assertThat(peer.count("BYE")).isEqualTo(1);
            assertThat(call.state()).isEqualTo(LoadCall.State.FAILED);
            assertThat(call.media().started).isFalse();
            assertThat(mediaOver).hasValue(1); // the failure
        }
    }

    private static void assertGap(List<Long> nanos, int i, long expectedMs) {
        long gapMs = (nanos.get(i + 1) - nanos.get(i)) / 1_000_000;
        assertThat(gapMs).as("gap %d", i).isBetween(expectedMs - 150, expectedMs + 350);
    }

    private static LoadCall<FakeMedia> call(SipUac uac, int i, long setupTimeoutMs) {
        SipRequests.Dialog d = new SipRequests.Dialog("127.0.0.1", uac.localPort(), "127.0.0.1",
                uac.target().getPort(), "2468", "timers-" + i + "-" + System.nanoTime() + "@127.0.0.1", "ft" + i,
                uac.transport());
        return new LoadCall<>(i, uac, d, new FakeMedia(uac), "2468", "", 0, setupTimeoutMs);
    }

    /** Stands in for the RTP side: only the SIP timers are under test. */
    static final class FakeMedia implements MediaEndpoint {
        private final SipUac uac;
        volatile boolean started;
        /** SIP messages the UAC had sent when the answer reached the media. */
        volatile long sentAtAnswer = -1;

        FakeMedia(SipUac uac) {
            this.uac = uac;
        }

        @Override
        public String onAnswer(String answerSdp) {
            sentAtAnswer = uac.messagesSent();
            return null;
        }

        @Override
        public int localPort() {
            return 40_000;
        }

        @Override
        public void start(SocketAddress to, String keys, long keysAtNanos) {
            started = true;
        }

        @Override
        public void stop() { }

        @Override
        public void close() { }
    }

    /** A SIP peer that records requests with their arrival times and answers only when told. */
    private abstract static class Peer implements AutoCloseable {
        record Received(SipMessage message, long atNanos) {}

        final List<Received> requests = new CopyOnWriteArrayList<>();

        abstract InetSocketAddress address();

        abstract void send(String message) throws IOException;

        void received(byte[] a, int off, int len) {
            SipMessage m = SipMessage.parse(java.util.Arrays.copyOfRange(a, off, off + len), len);
            if (m != null && !m.isResponse()) {
                requests.add(new Received(m, System.nanoTime()));
            }
        }

        int count(String method) {
            return (int) requests.stream().filter(r -> r.message().method().equals(method)).count();
        }

        List<Long> times(String method) {
            return requests.stream().filter(r -> r.message().method().equals(method)).map(Received::atNanos).toList();
        }

        SipMessage first(String method) {
            return requests.stream().map(Received::message).filter(m -> m.method().equals(method)).findFirst()
                    .orElseThrow();
        }

        SipMessage first(String method, String callId) {
            return requests.stream().map(Received::message)
                    .filter(m -> m.method().equals(method) && m.callId().equals(callId)).findFirst().orElseThrow();
        }

        void answerOk(SipMessage invite) throws IOException {
            answer(invite, 200, "OK", "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 40002 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n");
        }

        void answer(SipMessage request, int status, String reason, String sdp) throws IOException {
            StringBuilder b = new StringBuilder("SIP/2.0 " + status + " " + reason + "\r\n");
            for (String via : request.all("via")) {
                b.append("Via: ").append(via).append("\r\n");
            }
            String to = request.header("To");
            b.append("From: ").append(request.header("From")).append("\r\n")
                    .append("To: ").append(to).append(to.contains("tag=") ? "" : ";tag=peer").append("\r\n")
                    .append("Call-ID: ").append(request.callId()).append("\r\n")
                    .append("CSeq: ").append(request.header("CSeq")).append("\r\n")
                    .append("Contact: <sip:peer@").append(address().getHostString()).append(':')
                    .append(address().getPort()).append(">\r\n");
            String body = sdp == null ? "" : sdp;
            if (sdp != null) {
                b.append("Content-Type: application/sdp\r\n");
            }
            b.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
            send(b.toString());
        }
    }

    private static final class UdpPeer extends Peer {
        private final DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        private volatile SocketAddress uac;
        private final Thread reader;

        UdpPeer() throws IOException {
            reader = new Thread(() -> {
                byte[] buf = new byte[65_536];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                while (true) {
                    try {
                        p.setLength(buf.length);
                        socket.receive(p);
                    } catch (IOException e) {
                        return;
                    }
                    uac = p.getSocketAddress();
                    received(buf, 0, p.getLength());
                }
            }, "udp-peer");
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        @Override
        void send(String message) throws IOException {
            byte[] b = message.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(b, b.length, uac));
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** One TLS connection accepted on loopback, with a fresh self-signed certificate. */
    private static final class TlsPeer extends Peer {
        private final SSLServerSocket server;
        private volatile OutputStream out;
        private volatile SSLSocket connection;

        TlsPeer() throws Exception {
            DtlsCertificate cert = DtlsCertificate.generateSelfSigned("lab-timers-test", Duration.ofDays(1));
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(cert.privateKeyPkcs8()));
            Certificate x509 = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(cert.der()));
            char[] password = "test".toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("peer", key, password, new Certificate[] {x509});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 1, LOOPBACK);
            Thread reader = new Thread(this::serve, "tls-peer");
            reader.setDaemon(true);
            reader.start();
        }

        private void serve() {
            SipStreamFramer framer = new SipStreamFramer();
            byte[] chunk = new byte[16_384];
            try (SSLSocket s = (SSLSocket) server.accept()) {
                connection = s;
                out = s.getOutputStream();
                InputStream in = s.getInputStream();
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    framer.feed(chunk, 0, n, this::received);
                }
            } catch (IOException e) {
                // closed by the test
            }
        }

        @Override
        InetSocketAddress address() {
            return (InetSocketAddress) server.getLocalSocketAddress();
        }

        @Override
        synchronized void send(String message) throws IOException {
            out.write(message.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
            if (connection != null) {
                connection.close();
            }
        }
    }
}
