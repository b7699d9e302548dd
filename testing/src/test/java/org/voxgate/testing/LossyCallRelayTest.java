package org.voxgate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The relay against two plain sockets playing phone and server: SDP rewrite, then 1 in 20 dropped. */
class LossyCallRelayTest {
    private static final InetAddress LO = InetAddress.getLoopbackAddress();

    @Test
    void pointsThePhoneAtItselfAndDropsOneInTwentyAfterTheStart() throws Exception {
        try (DatagramSocket serverSip = new DatagramSocket(new InetSocketAddress(LO, 0));
             DatagramSocket serverRtp = new DatagramSocket(new InetSocketAddress(LO, 0));
             DatagramSocket phoneSip = new DatagramSocket(new InetSocketAddress(LO, 0));
             DatagramSocket phoneRtp = new DatagramSocket(new InetSocketAddress(LO, 0));
             LossyCallRelay relay = new LossyCallRelay((InetSocketAddress) serverSip.getLocalSocketAddress(), 0.05, 7,
                     48_000)) {
            for (DatagramSocket s : new DatagramSocket[] {serverSip, serverRtp, phoneSip, phoneRtp}) {
                s.setSoTimeout(2000);
            }
            int relaySip = Integer.parseInt(relay.sipTarget().substring(relay.sipTarget().indexOf(':') + 1));
            send(phoneSip, new InetSocketAddress(LO, relaySip), "INVITE sip:demo@x SIP/2.0\r\nContent-Length: 0\r\n\r\n"
                    + "m=audio " + phoneRtp.getLocalPort() + " RTP/AVP 0\r\n");
            DatagramPacket invite = receive(serverSip);
            assertThat(text(invite)).startsWith("INVITE sip:demo@x");

            String body = "v=0\r\nm=audio " + serverRtp.getLocalPort() + " RTP/AVP 0\r\na=rtcp:9\r\n";
            send(serverSip, (InetSocketAddress) invite.getSocketAddress(),
                    "SIP/2.0 200 OK\r\nContent-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n"
                            + body);
            String ok = text(receive(phoneSip));
            Matcher port = Pattern.compile("m=audio (\\d+) ").matcher(ok);
            assertThat(port.find()).isTrue();
            int relayRtp = Integer.parseInt(port.group(1));
            assertThat(relayRtp).isNotEqualTo(serverRtp.getLocalPort());
            String okBody = ok.substring(ok.indexOf("\r\n\r\n") + 4);
            assertThat(ok).contains("Content-Length: " + okBody.length() + "\r\n");

            // 1 s of 20 ms packets at 48 kHz pass untouched, then 200 packets meet 5 % loss
            for (int k = 0; k < 250; k++) {
                byte[] rtp = new byte[20];
                rtp[0] = (byte) 0x80;
                long ts = 1000L + 960L * k;
                rtp[4] = (byte) (ts >>> 24);
                rtp[5] = (byte) (ts >>> 16);
                rtp[6] = (byte) (ts >>> 8);
                rtp[7] = (byte) ts;
                phoneRtp.send(new DatagramPacket(rtp, rtp.length, new InetSocketAddress(LO, relayRtp)));
                if (k % 25 == 24) {
                    Thread.sleep(5); // loopback buffers stay small
                }
            }
            int got = 0;
            try {
                while (true) {
                    serverRtp.setSoTimeout(500);
                    receive(serverRtp);
                    got++;
                }
            } catch (SocketTimeoutException end) {
                // all arrived
            }
            assertThat(relay.dropped()).isEqualTo(10);
            assertThat(relay.forwarded()).isEqualTo(240);
            assertThat(got).isEqualTo(240);

            // and the server's RTP reaches the phone back through the relay
            byte[] down = {(byte) 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1};
            serverRtp.send(new DatagramPacket(down, down.length, receiveFrom(relay, serverRtp, phoneRtp, relayRtp)));
            assertThat(receive(phoneRtp).getLength()).isEqualTo(12);
        }
    }

    /** Where the relay sends the phone's RTP from: the server learns it from one packet. */
    private static InetSocketAddress receiveFrom(LossyCallRelay relay, DatagramSocket serverRtp, DatagramSocket phoneRtp,
                                                 int relayRtp) throws Exception {
        byte[] rtp = new byte[12];
        rtp[0] = (byte) 0x80;
        phoneRtp.send(new DatagramPacket(rtp, rtp.length, new InetSocketAddress(LO, relayRtp)));
        return (InetSocketAddress) receive(serverRtp).getSocketAddress();
    }

    private static void send(DatagramSocket from, InetSocketAddress to, String text) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        from.send(new DatagramPacket(b, b.length, to));
    }

    private static DatagramPacket receive(DatagramSocket s) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[2000], 2000);
        s.receive(p);
        return p;
    }

    private static String text(DatagramPacket p) {
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
    }
}
