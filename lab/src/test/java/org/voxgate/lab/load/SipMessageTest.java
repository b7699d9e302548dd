package org.voxgate.lab.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SipMessageTest {

    private static SipMessage parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return SipMessage.parse(b, b.length);
    }

    @Test
    void parsesA200WithSdpAndCompactHeaders() {
        String sdp = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 20002 RTP/AVP 0\r\n";
        SipMessage m = parse("SIP/2.0 200 OK\r\nv: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
                + "t: <sip:conference@127.0.0.1>;tag=abc123\r\ni: call-1@host\r\nCSeq: 1 INVITE\r\n"
                + "m: <sip:voxgate@192.0.2.1:5060;transport=udp>\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp);
        assertThat(m.isResponse()).isTrue();
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.callId()).isEqualTo("call-1@host");
        assertThat(m.cseqMethod()).isEqualTo("INVITE");
        assertThat(m.toTag()).isEqualTo("abc123");
        assertThat(m.contactUri()).isEqualTo("sip:voxgate@192.0.2.1:5060;transport=udp");
        assertThat(SipRequests.mediaAddress(m.body())).isEqualTo(new InetSocketAddress("192.0.2.1", 20002));
    }

    @Test
    void answersARequestWithItsTransactionHeaders() {
        SipMessage bye = parse("BYE sip:lab@127.0.0.1:5070 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKa\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bKb\r\nFrom: <sip:x@h>;tag=1\r\nTo: <sip:lab@h>;tag=2\r\n"
                + "Call-ID: c\r\nCSeq: 7 BYE\r\nContent-Length: 0\r\n\r\n");
        assertThat(bye.isResponse()).isFalse();
        assertThat(bye.method()).isEqualTo("BYE");
        String ok = SipRequests.response(bye, 200, "OK");
        assertThat(ok).startsWith("SIP/2.0 200 OK\r\n").contains("Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKa\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bKb\r\n").contains("CSeq: 7 BYE\r\n").endsWith("Content-Length: 0\r\n\r\n");
    }

    @Test
    void refusesWhatIsNotSip() {
        assertThat(parse("HTTP/1.1 200 OK\r\n\r\n")).isNull();
        assertThat(parse("")).isNull();
        assertThat(SipRequests.mediaAddress("v=0\r\n")).isNull();
    }
}
