package org.voxgate.sip.internal.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import javax.sip.SipFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {
    private static MessageFactory messages;
    private final RequestValidator validator = new RequestValidator();

    @BeforeAll
    static void factory() throws Exception {
        SipFactory f = SipFactory.getInstance();
        f.setPathName("gov.nist");
        messages = f.createMessageFactory();
    }

    private static Request request(String method, String extraHeaders, String contentType, String body) throws Exception {
        StringBuilder b = new StringBuilder()
                .append(method).append(" sip:conf@127.0.0.1:5060 SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-test-1\r\n")
                .append("From: <sip:caller@127.0.0.1>;tag=abc\r\n")
                .append("To: <sip:conf@127.0.0.1>\r\n")
                .append("Call-ID: v-1@127.0.0.1\r\n")
                .append("CSeq: 1 ").append(method).append("\r\n");
        if (!extraHeaders.contains("Max-Forwards")) {
            b.append("Max-Forwards: 70\r\n");
        }
        b.append(extraHeaders);
        if (contentType != null) {
            b.append("Content-Type: ").append(contentType).append("\r\n");
        }
        b.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
        return messages.createRequest(b.toString());
    }

    private Optional<Rejection> check(String method, String headers) throws Exception {
        return validator.validate(request(method, headers, null, ""));
    }

    @Test
    void plainRequestsPass() throws Exception {
        for (String m : RequestValidator.ALLOWED) {
            assertThat(check(m, "")).as(m).isEmpty();
        }
        assertThat(validator.validate(request("INVITE", "", "application/sdp", "v=0\r\n"))).isEmpty();
    }

    @Test
    void maxForwardsZeroIs483ExceptForOptionsAndAck() throws Exception {
        assertThat(check("INVITE", "Max-Forwards: 0\r\n")).get().extracting(Rejection::status).isEqualTo(483);
        assertThat(check("BYE", "Max-Forwards: 0\r\n")).get().extracting(Rejection::status).isEqualTo(483);
        assertThat(check("OPTIONS", "Max-Forwards: 0\r\n")).isEmpty();
        assertThat(check("ACK", "Max-Forwards: 0\r\n")).isEmpty();
        assertThat(check("INVITE", "Max-Forwards: 1\r\n")).isEmpty();
    }

    @Test
    void unknownMethodIs405WithAllow() throws Exception {
        Rejection r = check("FROBNICATE", "").orElseThrow();
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.headers()).containsEntry("Allow", "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE");
        assertThat(check("REGISTER", "")).get().extracting(Rejection::status).isEqualTo(405);
        assertThat(check("SUBSCRIBE", "")).get().extracting(Rejection::status).isEqualTo(405);
    }

    @Test
    void unknownRequireIs420WithUnsupported() throws Exception {
        Rejection r = check("INVITE", "Require: foo, timer\r\nRequire: bar\r\n").orElseThrow();
        assertThat(r.status()).isEqualTo(420);
        assertThat(r.headers()).containsEntry("Unsupported", "foo, bar");
        assertThat(check("INVITE", "Require: timer\r\n")).isEmpty();
        assertThat(check("ACK", "Require: foo\r\n")).isEmpty();
        assertThat(check("CANCEL", "Require: foo\r\n")).isEmpty();
    }

    @Test
    void unsupportedBodiesAre415WithAccept() throws Exception {
        Rejection invite = validator.validate(request("INVITE", "", "text/plain", "hello")).orElseThrow();
        assertThat(invite.status()).isEqualTo(415);
        assertThat(invite.headers()).containsEntry("Accept", "application/sdp, multipart/mixed");
        Rejection info = validator.validate(request("INFO", "", "application/json", "{}")).orElseThrow();
        assertThat(info.status()).isEqualTo(415);
        assertThat(info.headers()).containsEntry("Accept", "application/dtmf-relay, application/dtmf");
        assertThat(validator.validate(request("INFO", "", "application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"))).isEmpty();
        assertThat(validator.validate(request("INFO", "", "application/dtmf", "5"))).isEmpty();
        assertThat(validator.validate(request("UPDATE", "", "multipart/mixed;boundary=x", "--x--"))).get()
                .extracting(Rejection::status).isEqualTo(415);
        String sipI = "--b1\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n\r\n--b1\r\n"
                + "Content-Type: application/isup;version=itu-t92+\r\n\r\n\u0001\u0000\r\n--b1--\r\n";
        assertThat(validator.validate(request("INVITE", "", "multipart/mixed;boundary=b1", sipI))).isEmpty();
        assertThat(validator.validate(request("INVITE", "", "multipart/mixed;boundary=\"b1\"", sipI))).isEmpty();
    }

    @Test
    void compressedBodyIs415WithAcceptEncoding() throws Exception {
        Rejection r = validator.validate(request("INVITE", "Content-Encoding: gzip\r\n", "application/sdp", "xxxx")).orElseThrow();
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.headers()).containsEntry("Accept-Encoding", "identity");
    }

    @Test
    void checksRunInRfcOrder() throws Exception {
        // 483 before 405, 405 before 420, 420 before 415
        assertThat(check("FROBNICATE", "Max-Forwards: 0\r\n")).get().extracting(Rejection::status).isEqualTo(483);
        assertThat(check("FROBNICATE", "Require: foo\r\n")).get().extracting(Rejection::status).isEqualTo(405);
        assertThat(validator.validate(request("INVITE", "Require: foo\r\n", "text/plain", "x"))).get()
                .extracting(Rejection::status).isEqualTo(420);
    }
}
