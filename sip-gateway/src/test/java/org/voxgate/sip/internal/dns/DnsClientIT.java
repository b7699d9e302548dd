package org.voxgate.sip.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.testing.DnsServer;

/**
 * The stub resolver's transport against a hostile or sloppy server on loopback: a relay in
 * front of {@link DnsServer} that first sends garbage and a reply with the wrong id (both must
 * be ignored); and {@link DnsServer} itself cutting the UDP reply in the middle of a record with
 * TC set (then TCP).
 */
class DnsClientIT {
    private DnsServer dns;
    private DatagramSocket relay;
    private Thread relayThread;

    @BeforeEach
    void start() throws IOException {
        dns = DnsServer.start();
        dns.srv("_sip._udp.carrier.test", 1, 1, 5060, "a.carrier.test", 60)
                .srv("_sip._udp.carrier.test", 2, 1, 5060, "b.carrier.test", 60);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (relay != null) {
            relay.close();
            relayThread.join(2000);
        }
        dns.close();
    }

    /** A UDP server on the DnsServer's port + nothing: answers each query with {@code how}. */
    private InetSocketAddress relay(java.util.function.Function<byte[], List<byte[]>> how) throws IOException {
        relay = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress());
        relayThread = new Thread(() -> {
            byte[] buf = new byte[2048];
            while (!relay.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    relay.receive(p);
                    byte[] q = Arrays.copyOf(buf, p.getLength());
                    for (byte[] r : how.apply(q)) {
                        relay.send(new DatagramPacket(r, r.length, p.getSocketAddress()));
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
        relayThread.setDaemon(true);
        relayThread.start();
        return new InetSocketAddress("127.0.0.1", relay.getLocalPort());
    }

    @Test
    void garbageAndAWrongIdAreIgnored() throws Exception {
        InetSocketAddress server = relay(q -> {
            byte[] real = dns.answer(q, q.length);
            byte[] wrongId = real.clone();
            wrongId[0] ^= 0x55;
            return List.of(new byte[] {1, 2, 3}, wrongId, real);
        });
        DnsWire.Message m = new DnsClient(List.of(server), Duration.ofSeconds(1), 1).query("_sip._udp.carrier.test",
                DnsWire.TYPE_SRV);
        assertThat(m.answers()).hasSize(2);
    }

    @Test
    void onlyAWrongIdIsNoAnswerAtAll() throws Exception {
        InetSocketAddress server = relay(q -> {
            byte[] wrongId = dns.answer(q, q.length);
            wrongId[1] ^= 0x01;
            return List.of(wrongId);
        });
        assertThatThrownBy(() -> new DnsClient(List.of(server), Duration.ofMillis(300), 1)
                .query("_sip._udp.carrier.test", DnsWire.TYPE_SRV)).isInstanceOf(IOException.class);
    }

    @Test
    void aReplyCutInARecordWithTcSetIsAskedAgainOverTcp() throws Exception {
        dns.cutUdp(true);
        DnsWire.Message m = new DnsClient(List.of(new InetSocketAddress("127.0.0.1", dns.port())), Duration.ofSeconds(1),
                1).query("_sip._udp.carrier.test", DnsWire.TYPE_SRV);
        assertThat(m.answers()).hasSize(2);
        assertThat(m.truncated()).isFalse();
        assertThat(dns.tcpQueries()).isOne();
    }
}
