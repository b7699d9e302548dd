package org.voxgate.lab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.testing.Peers;
import org.voxgate.lab.sipp.SippRun;

class KamailioServerTest {

    @Test
    void configListensOnLoopbackAndAnswersInviteWithSdpStatelessly() {
        String cfg = KamailioServer.config(25123, Path.of("/opt/k/modules"), 2);
        assertThat(cfg).startsWith("#!KAMAILIO\n")
                .contains("listen=udp:127.0.0.1:25123\n", "children=2\n", "mpath=\"/opt/k/modules/\"",
                        "loadmodule \"sl.so\"", "loadmodule \"textops.so\"",
                        "set_reply_body(\"v=0\\r\\no=- 1 1 IN IP4 127.0.0.1", "\"application/sdp\")",
                        "Contact: <sip:kamailio@127.0.0.1:25123>", "sl_send_reply(\"200\", \"OK\")");
        // ACK is dropped before anything replies to it
        assertThat(cfg.indexOf("is_method(\"ACK\")")).isLessThan(cfg.indexOf("is_method(\"INVITE\")"));
        assertThat(KamailioServer.config(25123, null, 1)).doesNotContain("mpath");
        assertThatThrownBy(() -> KamailioServer.config(0, null, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kamailioTakesTheConfigurationAndAnswersAnInviteWith200AndSdp(@TempDir Path dir) throws Exception {
        Path kamailio = Peers.requireCommand("kamailio");
        int port = SippRun.freeUdpPorts(1);
        try (KamailioServer k = KamailioServer.start(kamailio, port, dir);
             DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(3000);
            String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
            String invite = "INVITE sip:demo@127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort() + ";branch=z9hG4bKtest1\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:t@127.0.0.1>;tag=a\r\nTo: <sip:demo@127.0.0.1>\r\n"
                    + "Call-ID: kam-test-1\r\nCSeq: 1 INVITE\r\nContact: <sip:t@127.0.0.1:" + s.getLocalPort() + ">\r\n"
                    + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
            byte[] b = invite.getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
            byte[] buf = new byte[4096];
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            s.receive(in);
            String reply = new String(buf, 0, in.getLength(), StandardCharsets.US_ASCII);
            assertThat(reply).startsWith("SIP/2.0 200 OK").contains("Content-Type: application/sdp", "m=audio 9 RTP/AVP 0",
                    "Contact: <sip:kamailio@127.0.0.1:" + port + ">");
            assertThat(k.cpuSeconds()).isGreaterThanOrEqualTo(0);
        }
    }
}
