package org.voxgate.sip.internal.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import javax.sip.SipFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.voxgate.sip.SecurityReason;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.internal.register.ChallengeAnswerer;
import org.voxgate.sip.internal.security.SecurityLog;

/**
 * A trunk host located by SRV (RFC 3263) answers from its SRV targets' addresses, which the
 * host name itself need not resolve to: a challenge from a located target is the trunk's;
 * from anywhere else it stays foreign.
 */
class ChallengeResponderTargetsTest {
    private static MessageFactory messages;
    private static HeaderFactory headers;
    private final SecurityLog log = new SecurityLog();
    // ".invalid" never resolves (RFC 6761): only the located targets can make a source the trunk's
    private final Trunk trunk = new Trunk("t9", "acct", "carrier", Trunk.Direction.BOTH, List.of("carrier.invalid"),
            0, Trunk.Transport.UDP, List.of(), null, null, List.of("PCMU"), 10, 5, Trunk.SrtpPolicy.OFF,
            Trunk.CallerIdPolicy.PASSTHROUGH, List.of("+44"), true);

    @BeforeAll
    static void factories() throws Exception {
        SipFactory f = SipFactory.getInstance();
        f.setPathName("gov.nist");
        messages = f.createMessageFactory();
        headers = f.createHeaderFactory();
    }

    private static Request invite() throws Exception {
        return messages.createRequest("INVITE sip:+442071234567@carrier.invalid;transport=udp SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-first\r\n"
                + "From: <sip:+15550100@voxgate.example>;tag=f1\r\nTo: <sip:+442071234567@carrier.invalid>\r\n"
                + "Call-ID: out-2@voxgate\r\nCSeq: 7 INVITE\r\nMax-Forwards: 70\r\n"
                + "Contact: <sip:voxgate@127.0.0.1:5070>\r\nContent-Length: 0\r\n\r\n");
    }

    private static Response challenge(Request r) throws Exception {
        Response resp = messages.createResponse(407, r);
        resp.addHeader(headers.createHeader("Proxy-Authenticate",
                "Digest realm=\"carrier.example\", nonce=\"n1\", algorithm=SHA-256, qop=\"auth\""));
        return resp;
    }

    @Test
    void aChallengeFromALocatedTargetIsAnswered() throws Exception {
        for (String source : List.of("198.51.100.9", "2001:db8:0:0::9")) { // the second written another way
            ChallengeResponder responder = new ChallengeResponder(trunk,
                    new Trunk.Credentials("voxgate", "pa55", "carrier.example"), headers, log,
                    List.of(InetAddress.getByName("198.51.100.9"), InetAddress.getByName("2001:db8::9")));
            Request invite = invite();
            assertThat(responder.respond(invite, challenge(invite), source)).as(source)
                    .isInstanceOf(ChallengeResponder.Authorized.class);
        }
        assertThat(log.totals().get(SecurityReason.FOREIGN_CHALLENGE)).isZero();
    }

    @Test
    void withoutLocatedTargetsOrFromAnotherAddressItIsForeign() throws Exception {
        Request invite = invite();
        ChallengeResponder located = new ChallengeResponder(trunk,
                new Trunk.Credentials("voxgate", "pa55", "carrier.example"), headers, log,
                List.of(InetAddress.getByName("198.51.100.9")));
        assertThat(located.respond(invite, challenge(invite), "198.51.100.7")).isInstanceOfSatisfying(
                ChallengeResponder.Refused.class,
                f -> assertThat(f.refusal().kind()).isEqualTo(ChallengeAnswerer.Refusal.Kind.FOREIGN));
        ChallengeResponder unlocated = new ChallengeResponder(trunk,
                new Trunk.Credentials("voxgate", "pa55", "carrier.example"), headers, log);
        assertThat(unlocated.respond(invite, challenge(invite), "198.51.100.9"))
                .isInstanceOf(ChallengeResponder.Refused.class);
        assertThat(log.totals().get(SecurityReason.FOREIGN_CHALLENGE)).isEqualTo(2);
    }
}
