package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.MediaBridge;
import org.voxgate.sip.fake.LoopbackBridge;
import org.voxgate.sip.sipp.Sipp;
import org.voxgate.sip.wire.Messages;
import org.voxgate.sip.wire.UdpSipClient;

/**
 * A trunk's policies on real calls, with the real audio bridge: SRTP REQUIRED refuses a plain
 * offer with 488 and a Warning, SRTP OFF answers only RTP/AVP, codec preference picks the
 * answer's codec, and the caller identity follows P-Asserted-Identity and Privacy (RFC 3325)
 * from a trunk while a local caller cannot assert one.
 */
class TrunkPoliciesIT {
    private static final Meeting MEETING = new Meeting("m-a", "1111", null, null, 10);
    private static final String TRUNK_SOURCE = "127.0.0.2";

    private MediaBridge bridge;
    private SipGateway gateway;
    private int port;
    private final List<CallRecord> records = new CopyOnWriteArrayList<>();
    private final TrunkAdmissionIT.MutableTrunks trunks = new TrunkAdmissionIT.MutableTrunks();

    @BeforeEach
    void start() throws Exception {
        port = Sipp.freePort();
        bridge = LoopbackBridge.create(100);
        MeetingDirectory dir = new MeetingDirectory() {
            @Override
            public Optional<Meeting> findByAccessCode(String accessCode) {
                return Optional.empty();
            }

            @Override
            public DialPlanRoute route(String calledNumber) {
                return calledNumber.equals("a-direct") ? DialPlanRoute.meeting(MEETING).ownedBy("a")
                        : DialPlanRoute.notFound();
            }
        };
        gateway = new SipGateway(SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(port, port)
                .withAdmission(List.of("127.0.0.1/32"), null), bridge, dir, records::add, trunks);
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.close();
        bridge.close();
    }

    private static Trunk trunk(Trunk.SrtpPolicy srtp, Trunk.CallerIdPolicy callerId, List<String> codecs) {
        return new Trunk("t1", "a", "t1", Trunk.Direction.BOTH, List.of("carrier.example"), 5060, Trunk.Transport.UDP,
                List.of(TRUNK_SOURCE + "/32"), null, null, codecs, 10, 100, srtp, callerId, List.of(), true);
    }

    /** One INVITE from {@code source}; returns the final response (ACKed when not 2xx, hung up when 2xx). */
    private UdpSipClient.SipMessage call(String source, String extraHeaders, String sdp) throws Exception {
        try (UdpSipClient c = new UdpSipClient(InetAddress.getByName(source), port)) {
            Messages.Dialog d = Messages.newDialog(c.localPort(), port);
            String branch = UdpSipClient.token();
            c.send(Messages.request("INVITE", "a-direct", d, 1, "INVITE", branch, extraHeaders,
                    sdp == null ? null : "application/sdp", sdp));
            UdpSipClient.SipMessage r = c.finalResponse("INVITE", Duration.ofSeconds(5));
            assertThat(r).isNotNull();
            Messages.Dialog answered = d.withToTag(r.toTag());
            if (r.status() >= 300) {
                c.send(Messages.request("ACK", "a-direct", answered, 1, "ACK", branch, "", null, null));
            } else {
                c.send(Messages.request("ACK", "a-direct", answered, 1, "ACK", UdpSipClient.token(), "", null, null));
                c.send(Messages.request("BYE", "a-direct", answered, 2, "BYE", UdpSipClient.token(), "", null, null));
                assertThat(c.finalResponse("BYE", Duration.ofSeconds(5)).status()).isEqualTo(200);
            }
            return r;
        }
    }

    private static String offer(String proto, String extra) {
        return "v=0\r\no=carrier 1 1 IN IP4 127.0.0.2\r\ns=-\r\nc=IN IP4 127.0.0.2\r\nt=0 0\r\n"
                + "m=audio 6000 " + proto + " 0 8\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n" + extra
                + "a=sendrecv\r\n";
    }

    @Test
    void srtpRequiredRefusesAPlainOfferWith488AndAWarning() throws Exception {
        trunks.set(trunk(Trunk.SrtpPolicy.REQUIRED, Trunk.CallerIdPolicy.PASSTHROUGH, List.of("PCMU")));
        UdpSipClient.SipMessage r = call(TRUNK_SOURCE, "", offer("RTP/AVP", ""));
        assertThat(r.status()).isEqualTo(488);
        assertThat(r.header("Warning")).startsWith("302 ").contains("SRTP is required");
        assertThat(bridge.openLegs()).isZero();
    }

    @Test
    void srtpRequiredRefusesALateOfferSinceOurOwnOfferIsPlain() throws Exception {
        trunks.set(trunk(Trunk.SrtpPolicy.REQUIRED, Trunk.CallerIdPolicy.PASSTHROUGH, List.of("PCMU")));
        UdpSipClient.SipMessage r = call(TRUNK_SOURCE, "", null);
        assertThat(r.status()).isEqualTo(488);
        assertThat(r.header("Warning")).startsWith("302 ").contains("send an SDP offer");
        assertThat(bridge.openLegs()).isZero();
    }

    @Test
    void srtpOffAnswersOnlyThePlainStreamOfAnOfferWithBoth() throws Exception {
        trunks.set(trunk(Trunk.SrtpPolicy.OFF, Trunk.CallerIdPolicy.PASSTHROUGH, List.of("PCMU")));
        String both = offer("UDP/TLS/RTP/SAVP", "a=setup:actpass\r\na=fingerprint:sha-256 " + "AB:".repeat(31) + "AB\r\n")
                + "m=audio 6002 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
        UdpSipClient.SipMessage r = call(TRUNK_SOURCE, "", both);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("m=audio 0 UDP/TLS/RTP/SAVP").containsPattern("m=audio [1-9][0-9]* RTP/AVP 0")
                .doesNotContain("a=fingerprint");
    }

    @Test
    void theTrunksCodecPreferenceChoosesTheAnswer() throws Exception {
        trunks.set(trunk(Trunk.SrtpPolicy.OPTIONAL, Trunk.CallerIdPolicy.PASSTHROUGH, List.of("PCMA", "PCMU")));
        UdpSipClient.SipMessage r = call(TRUNK_SOURCE, "", offer("RTP/AVP", ""));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).containsPattern("m=audio [0-9]+ RTP/AVP 8[ \r]");
    }

    @Test
    void callerIdentityFollowsPaiAndPrivacyFromTrunksOnly() throws Exception {
        trunks.set(trunk(Trunk.SrtpPolicy.OPTIONAL, Trunk.CallerIdPolicy.PASSTHROUGH, List.of("PCMU")));
        call(TRUNK_SOURCE, "P-Asserted-Identity: \"Alice\" <sip:+4930111222@carrier.example>\r\n", offer("RTP/AVP", ""));
        call(TRUNK_SOURCE, "P-Asserted-Identity: <tel:+4930111222>\r\nPrivacy: id\r\n", offer("RTP/AVP", ""));
        call("127.0.0.1", "P-Asserted-Identity: <sip:+4930999999@spoofed.example>\r\n", offer("RTP/AVP", ""));
        trunks.set(trunk(Trunk.SrtpPolicy.OPTIONAL, Trunk.CallerIdPolicy.ASSERTED_ONLY, List.of("PCMU")));
        call(TRUNK_SOURCE, "", offer("RTP/AVP", ""));
        await().atMost(Duration.ofSeconds(5)).until(() -> records.size() == 4);
        assertThat(records).extracting(CallRecord::caller).containsExactly("sip:+4930111222@carrier.example",
                "anonymous", "sip:caller@127.0.0.1:" + records.get(2).from().replaceAll(".*:", ""), "unknown");
        assertThat(records.get(2).trunkId()).isNull();
        assertThat(records.get(0).trunkId()).isEqualTo("t1");
    }
}
