package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.voxgate.sip.fake.FakeMediaBridge;
import org.voxgate.sip.fake.Resources;
import org.voxgate.sip.internal.digest.DigestAlgorithm;
import org.voxgate.sip.internal.digest.DigestChallenge;
import org.voxgate.sip.internal.digest.DigestCredentials;
import org.voxgate.sip.wire.Messages;
import org.voxgate.sip.wire.UdpSipClient;
import org.voxgate.testing.FreePorts;

/**
 * A password brute force against a digest trunk: each wrong answer gets 403 and counts against
 * the source; at the default threshold (5 failures in 60 s) the source is banned and then gets
 * no answer at all (not even a challenge), while another source is still served.
 */
class DigestBruteForceIT {
    private static final String ATTACKER = "127.0.0.5";
    private static FakeMediaBridge bridge;
    private static SipGateway gateway;
    private static int port;
    private static final TrunkAdmissionIT.MutableTrunks trunks = new TrunkAdmissionIT.MutableTrunks();

    @BeforeAll
    static void start() throws Exception {
        port = FreePorts.udpAndTcp();
        bridge = FakeMediaBridge.autoPlaying(Duration.ofMillis(50));
        SipConfig config = SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(port, port)
                .withAdmission(List.of("127.0.0.1/32"), "voxgate.test");
        trunks.set(TrunkAdmissionIT.trunk("d1", "a", List.of(), new Trunk.Credentials("carrier", "s3cret-pass", null),
                10, 100));
        gateway = new SipGateway(config, bridge, new TrunkAdmissionIT.TwoTenants(), null, trunks);
        gateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.closeAll(gateway, bridge);
    }

    @Test
    void fiveWrongPasswordsBanTheSource() throws Exception {
        int failures = SipDefenceConfig.defaults().authFailuresBeforeBan();
        try (UdpSipClient c = new UdpSipClient(InetAddress.getByName(ATTACKER), port)) {
            for (int i = 0; i < failures; i++) {
                Messages.Dialog d = Messages.newDialog(c.localPort(), port);
                UdpSipClient.SipMessage challenge = invite(c, d, 1, null);
                assertThat(challenge.status()).as("attempt %d", i).isEqualTo(401);
                DigestChallenge md5 = TrunkAdmissionIT.challenges(challenge).stream()
                        .filter(x -> x.algorithm() == DigestAlgorithm.MD5).findFirst().orElseThrow();
                String auth = DigestCredentials.answer(md5, "carrier", "guess-" + i, "INVITE",
                        "sip:a-direct@127.0.0.1:" + port, 1, UdpSipClient.token()).toHeaderValue();
                assertThat(invite(c, d, 2, auth).status()).as("attempt %d", i).isEqualTo(403);
            }
            assertThat(gateway.bannedSources()).isEqualTo(1);
            Messages.Dialog d = Messages.newDialog(c.localPort(), port);
            c.send(Messages.request("INVITE", "a-direct", d, 1, "INVITE", UdpSipClient.token(), "", "application/sdp",
                    Messages.PCMU_OFFER));
            assertThat(c.receive(Duration.ofSeconds(2))).as("a banned source gets no answer").isNull();
        }
        assertThat(gateway.statistics().securityRejections().get(SecurityReason.AUTH_FAILED)).isEqualTo(failures);
        assertThat(gateway.statistics().securityRejections().get(SecurityReason.BANNED)).isPositive();
        try (UdpSipClient other = new UdpSipClient(port)) {
            other.send(Messages.options(other.localPort(), port));
            assertThat(other.finalResponse("OPTIONS", Duration.ofSeconds(5)).status()).isEqualTo(200);
        }
    }

    private static UdpSipClient.SipMessage invite(UdpSipClient c, Messages.Dialog d, int cseq, String authorization)
            throws Exception {
        String branch = UdpSipClient.token();
        String extra = authorization == null ? "" : "Authorization: " + authorization + "\r\n";
        c.send(Messages.request("INVITE", "a-direct", d, cseq, "INVITE", branch, extra, "application/sdp",
                Messages.PCMU_OFFER));
        // this INVITE's answer only: under load the stack retransmits an earlier 401/403 until its ACK is in
        UdpSipClient.SipMessage r = c.receiveUntil(Duration.ofSeconds(5), m -> m.status() >= 200
                && d.callId().equals(m.header("Call-ID")) && (cseq + " INVITE").equals(m.header("CSeq")));
        assertThat(r).as("final response to INVITE").isNotNull();
        c.send(Messages.request("ACK", "a-direct", d.withToTag(r.toTag()), cseq, "ACK", branch, "", null, null));
        return r;
    }
}
