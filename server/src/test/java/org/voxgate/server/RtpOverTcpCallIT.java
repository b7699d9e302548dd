package org.voxgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.testing.FreePorts;

/**
 * rtp.tcpPort through the whole server: a caller written here (SIP over UDP by hand, media over
 * TCP with RFC 4571 framing) dials the demo meeting with a TCP/RTP/AVP offer, gets an answer
 * that points at the TCP media port, connects, and receives the bridge's RTP on it while it is
 * in the meeting. With rtp.tcpPort off the same offer gets 488 with Warning 302.
 */
class RtpOverTcpCallIT {
    @TempDir
    Path dir;

    private static final String SDP = "v=0\r\no=caller 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\nm=audio 9 TCP/RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=setup:active\r\n"
            + "a=connection:new\r\na=sendrecv\r\n";

    private static String invite(int sipPort, int localPort, String callId) {
        return "INVITE sip:demo@127.0.0.1:" + sipPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bK-" + callId + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:caller@127.0.0.1>;tag=t-" + callId + "\r\n"
                + "To: <sip:demo@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:caller@127.0.0.1:" + localPort + ">\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + SDP.getBytes(StandardCharsets.US_ASCII).length + "\r\n\r\n" + SDP;
    }

    private static String inDialog(String method, int cseq, int sipPort, int localPort, String callId, String toTag) {
        return method + " sip:demo@127.0.0.1:" + sipPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bK-" + method + "-" + callId + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:caller@127.0.0.1>;tag=t-" + callId + "\r\n"
                + "To: <sip:demo@127.0.0.1>;tag=" + toTag + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** Sends the INVITE and returns the first final response. */
    private static String finalResponse(DatagramSocket sip, int sipPort, String callId) throws IOException {
        byte[] out = invite(sipPort, sip.getLocalPort(), callId).getBytes(StandardCharsets.US_ASCII);
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), sipPort);
        sip.send(new DatagramPacket(out, out.length, to));
        sip.setSoTimeout(500);
        byte[] buf = new byte[8192];
        long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                sip.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            }
            String msg = new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII);
            Matcher status = Pattern.compile("^SIP/2.0 (\\d{3})").matcher(msg);
            if (status.find() && Integer.parseInt(status.group(1)) >= 200 && msg.contains("CSeq: 1 INVITE")) {
                return msg;
            }
        }
        throw new AssertionError("no final response to the INVITE");
    }

    private static void send(DatagramSocket sip, int sipPort, String msg) throws IOException {
        byte[] out = msg.getBytes(StandardCharsets.US_ASCII);
        sip.send(new DatagramPacket(out, out.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), sipPort)));
    }

    @Test
    void aTcpMediaCallReachesTheMeetingThroughTheSharedPort() throws Exception {
        int tcpPort = FreePorts.udpAndTcp();
        try (ServerFixture f = ServerFixture.start(dir, Map.of("VOXGATE_RTP_TCP_PORT", Integer.toString(tcpPort)));
             DatagramSocket sip = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String ok = finalResponse(sip, f.sipPort, "tcp-call-1");
            assertThat(ok).startsWith("SIP/2.0 200").contains("m=audio " + tcpPort + " TCP/RTP/AVP 0")
                    .contains("a=setup:passive").contains("a=rtcp-mux");
            Matcher tag = Pattern.compile("(?m)^To:.*;tag=([^;\\s]+)").matcher(ok);
            assertThat(tag.find()).isTrue();
            send(sip, f.sipPort, inDialog("ACK", 1, f.sipPort, sip.getLocalPort(), "tcp-call-1", tag.group(1)));

            try (Socket media = new Socket()) {
                media.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcpPort), 2000);
                media.setSoTimeout(3000);
                DataInputStream in = new DataInputStream(media.getInputStream());
                int rtp = 0;
                for (int i = 0; i < 60; i++) {
                    byte[] frame = new byte[in.readUnsignedShort()];
                    in.readFully(frame);
                    int pt = frame[1] & 0x7F;
                    if ((frame[0] & 0xC0) == 0x80 && (frame[1] & 0xFF) < 192 && pt == 0) {
                        rtp++;
                    }
                }
                assertThat(rtp).as("PCMU RTP frames among 60 read").isGreaterThan(50);
                await().atMost(Duration.ofSeconds(5)).until(() -> f.demoParticipants() == 1);
            }
            send(sip, f.sipPort, inDialog("BYE", 2, f.sipPort, sip.getLocalPort(), "tcp-call-1", tag.group(1)));
            await().atMost(Duration.ofSeconds(5)).until(() -> f.server.bridge().openLegs() == 0);
        }
    }

    @Test
    void withTheTcpPortOffATcpOfferGets488Warning302() throws Exception {
        try (ServerFixture f = ServerFixture.start(dir, Map.of());
             DatagramSocket sip = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String refused = finalResponse(sip, f.sipPort, "tcp-call-2");
            assertThat(refused).startsWith("SIP/2.0 488").containsPattern("(?m)^Warning: 302 ");
        }
    }
}
