package org.voxgate.sip.internal.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.sip.SipFactory;
import javax.sip.header.CSeqHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.voxgate.sip.SecurityReason;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.internal.digest.DigestCredentials;
import org.voxgate.sip.internal.register.ChallengeAnswerer;
import org.voxgate.sip.internal.security.SecurityLog;

/** The JAIN-SIP face of the challenge rules, as dial-out will use it for a 407 to an INVITE. */
class ChallengeResponderTest {
    private static MessageFactory messages;
    private static HeaderFactory headers;
    private final SecurityLog log = new SecurityLog();
    private final Trunk trunk = new Trunk("t9", "acct", "carrier", Trunk.Direction.BOTH, List.of("127.0.0.1"), 5060,
            Trunk.Transport.UDP, List.of(), null, null, List.of("PCMU"), 10, 5, Trunk.SrtpPolicy.OFF,
            Trunk.CallerIdPolicy.PASSTHROUGH, List.of("+44"), true);
    private final ChallengeResponder responder = new ChallengeResponder(trunk,
            new Trunk.Credentials("voxgate", "pa55", "carrier.example"), headers, log);

    @BeforeAll
    static void factories() throws Exception {
        SipFactory f = SipFactory.getInstance();
        f.setPathName("gov.nist");
        messages = f.createMessageFactory();
        headers = f.createHeaderFactory();
    }

    private static Request invite() throws Exception {
        return messages.createRequest("INVITE sip:+442071234567@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-first\r\n"
                + "From: <sip:+15550100@voxgate.example>;tag=f1\r\nTo: <sip:+442071234567@127.0.0.1>\r\n"
                + "Call-ID: out-1@voxgate\r\nCSeq: 7 INVITE\r\nMax-Forwards: 70\r\n"
                + "Contact: <sip:voxgate@127.0.0.1:5070>\r\nContent-Length: 0\r\n\r\n");
    }

    private static Response challenge(Request r, int status, String realm, String nonce) throws Exception {
        Response resp = messages.createResponse(status, r);
        resp.addHeader(headers.createHeader(status == 407 ? "Proxy-Authenticate" : "WWW-Authenticate",
                "Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\", algorithm=SHA-256, qop=\"auth\""));
        return resp;
    }

    @Test
    void answersA407FromTheTrunkWithProxyAuthorizationOnANewTransaction() throws Exception {
        Request invite = invite();
        ChallengeResponder.Result r = responder.respond(invite, challenge(invite, 407, "carrier.example", "nA"),
                "127.0.0.1");
        assertThat(r).isInstanceOf(ChallengeResponder.Authorized.class);
        Request next = ((ChallengeResponder.Authorized) r).request();
        assertThat(((CSeqHeader) next.getHeader(CSeqHeader.NAME)).getSeqNumber()).isEqualTo(8);
        assertThat(((ViaHeader) next.getHeader(ViaHeader.NAME)).getBranch()).startsWith("z9hG4bK")
                .isNotEqualTo("z9hG4bK-first");
        assertThat(next.getHeader("Call-ID").toString()).contains("out-1@voxgate");
        String value = next.getHeader("Proxy-Authorization").toString();
        DigestCredentials c = DigestCredentials.parse(value.substring(value.indexOf(':') + 1).trim()).orElseThrow();
        assertThat(c.algorithm().wire()).isEqualTo("SHA-256");
        assertThat(c.uri()).isEqualTo("sip:+442071234567@127.0.0.1:5060");
        assertThat(c.verify("pa55", "INVITE")).isTrue();
        assertThat(invite.getHeader("Proxy-Authorization")).as("the original is untouched").isNull();

        // the carrier challenges the answered INVITE again, not stale: wrong credentials
        ChallengeResponder.Result again = responder.respond(next, challenge(next, 407, "carrier.example", "nB"),
                "127.0.0.1");
        assertThat(again).isInstanceOfSatisfying(ChallengeResponder.Refused.class, f ->
                assertThat(f.refusal().kind()).isEqualTo(ChallengeAnswerer.Refusal.Kind.CREDENTIALS_REFUSED));
        assertThat(log.totals().get(SecurityReason.FOREIGN_CHALLENGE)).isZero();
    }

    @Test
    void refusesAChallengeFromAStrangerOrForAnotherRealmAndLogsIt() throws Exception {
        Request invite = invite();
        ChallengeResponder.Result stranger = responder.respond(invite,
                challenge(invite, 401, "carrier.example", "nA"), "198.51.100.7");
        assertThat(stranger).isInstanceOfSatisfying(ChallengeResponder.Refused.class, f ->
                assertThat(f.refusal().kind()).isEqualTo(ChallengeAnswerer.Refusal.Kind.FOREIGN));
        ChallengeResponder.Result realm = responder.respond(invite, challenge(invite, 401, "other.example", "nA"),
                "127.0.0.1");
        assertThat(realm).isInstanceOf(ChallengeResponder.Refused.class);
        ChallengeResponder.Result unknownSource = responder.respond(invite,
                challenge(invite, 401, "carrier.example", "nA"), null);
        assertThat(unknownSource).isInstanceOf(ChallengeResponder.Refused.class);
        assertThat(log.count("198.51.100.7", SecurityReason.FOREIGN_CHALLENGE)).isEqualTo(1);
        assertThat(log.totals().get(SecurityReason.FOREIGN_CHALLENGE)).isEqualTo(3);
    }
}
