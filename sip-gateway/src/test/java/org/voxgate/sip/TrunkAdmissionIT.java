package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.sip.fake.FakeMediaBridge;
import org.voxgate.sip.fake.Resources;
import org.voxgate.sip.internal.digest.DigestAlgorithm;
import org.voxgate.sip.internal.digest.DigestChallenge;
import org.voxgate.sip.internal.digest.DigestCredentials;
import org.voxgate.sip.sipp.Sipp;
import org.voxgate.sip.wire.Messages;
import org.voxgate.sip.wire.UdpSipClient;

/**
 * Trunk admission against SIPp over UDP loopback. The gateway listens on 127.0.0.1 and trusts
 * only 127.0.0.1 as a local network; SIPp calls from 127.0.0.2 or 127.0.0.3 (-i), which only
 * trunks can admit.
 */
class TrunkAdmissionIT {
    private static final String TRUNK_SOURCE = "127.0.0.2";
    private static final String OTHER_SOURCE = "127.0.0.3";
    private static final Meeting A_MEETING = new Meeting("m-a", "1111", null, null, 10);
    private static final Meeting B_MEETING = new Meeting("m-b", "2222", null, null, 10);

    private static FakeMediaBridge bridge;
    private static SipGateway gateway;
    private static int port;
    private static final List<CallRecord> records = new CopyOnWriteArrayList<>();
    private static final MutableTrunks trunks = new MutableTrunks();

    /** Numbers of two accounts: "a-direct" (account a), "b-direct" (account b). */
    static final class TwoTenants implements MeetingDirectory {
        @Override
        public Optional<Meeting> findByAccessCode(String accessCode) {
            return Optional.empty();
        }

        @Override
        public Optional<Meeting> findByAccessCode(String accountId, String accessCode) {
            Meeting m = "a".equals(accountId) ? A_MEETING : "b".equals(accountId) ? B_MEETING : null;
            return m != null && m.accessCode().equals(accessCode) ? Optional.of(m) : Optional.empty();
        }

        @Override
        public DialPlanRoute route(String calledNumber) {
            return switch (calledNumber) {
                case "a-direct" -> DialPlanRoute.meeting(A_MEETING).ownedBy("a");
                case "b-direct" -> DialPlanRoute.meeting(B_MEETING).ownedBy("b");
                default -> DialPlanRoute.notFound();
            };
        }
    }

    static final class MutableTrunks implements TrunkDirectory {
        private volatile List<Trunk> list = List.of();
        private final AtomicLong version = new AtomicLong();

        void set(Trunk... t) {
            list = List.of(t);
            version.incrementAndGet();
        }

        @Override
        public List<Trunk> trunks() {
            return list;
        }

        @Override
        public long version() {
            return version.get();
        }
    }

    static Trunk trunk(String id, String account, List<String> cidrs, Trunk.Credentials creds, int channels, int cps) {
        return new Trunk(id, account, id, Trunk.Direction.BOTH, List.of("carrier.example"), 5060, Trunk.Transport.UDP,
                cidrs, creds, null, List.of("PCMA", "PCMU"), channels, cps, Trunk.SrtpPolicy.OFF,
                Trunk.CallerIdPolicy.PASSTHROUGH, List.of(), true);
    }

    @BeforeAll
    static void start() throws Exception {
        port = Sipp.freePort();
        bridge = FakeMediaBridge.autoPlaying(Duration.ofMillis(50));
        SipConfig config = SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(port, port)
                .withAdmission(List.of("127.0.0.1/32"), "voxgate.test")
                // the digest tests fail on purpose from one source; the ban has its own test (DigestBruteForceIT)
                .withDefence(SipDefenceConfig.defaults().withAuthFailureBan(1000, Duration.ofSeconds(60)));
        gateway = new SipGateway(config, bridge, new TwoTenants(), records::add, trunks);
        gateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.closeAll(gateway, bridge);
    }

    @BeforeEach
    void clear() {
        records.clear();
        trunks.set();
    }

    @AfterEach
    void noCallLeft() {
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.activeCalls() == 0);
    }

    private static Sipp.Result sipp(String scenario, String source, String number, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("-i", source, "-s", number, "-d", "200"));
        args.addAll(List.of(more));
        return Sipp.run(scenario, port, Map.of(), args);
    }

    private static void passes(Sipp.Result r) {
        assertThat(r.passed()).as(r.toString()).isTrue();
    }

    private static long rejections(SecurityReason reason) {
        return gateway.statistics().securityRejections().get(reason);
    }

    @Test
    void unknownSourceGets403AndASecurityLogEntry() throws Exception {
        trunks.set(trunk("t1", "a", List.of("192.0.2.0/24"), null, 10, 10));
        long before = rejections(SecurityReason.UNKNOWN_SOURCE);
        int legs = bridge.legs().size();
        passes(sipp("trunk-refused.xml", TRUNK_SOURCE, "a-direct"));
        assertThat(rejections(SecurityReason.UNKNOWN_SOURCE)).isEqualTo(before + 1);
        assertThat(bridge.legs()).as("no leg opened").hasSize(legs);
        assertThat(records).as("no CDR for refused sources").isEmpty();
    }

    @Test
    void aSourceInTheTrunksNetworkIsAnsweredWithTheTrunksCodecs() throws Exception {
        trunks.set(trunk("t1", "a", List.of("127.0.0.2/32", "2001:db8::/32"), null, 10, 10));
        passes(sipp("trunk-call.xml", TRUNK_SOURCE, "a-direct"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !records.isEmpty());
        CallRecord r = records.get(0);
        assertThat(r.trunkId()).isEqualTo("t1");
        assertThat(r.accountId()).isEqualTo("a");
        assertThat(r.answerTime()).isNotNull();
        LegOptions o = bridge.optionsFor(r.callId()).orElseThrow();
        assertThat(o.codecs()).containsExactly("PCMA", "PCMU");
        assertThat(o.srtpPolicy()).isEqualTo(LegOptions.SrtpPolicy.OFF);
        // another source is not the trunk's
        passes(sipp("trunk-refused.xml", OTHER_SOURCE, "a-direct"));
    }

    @Test
    void aTrunkReachesOnlyItsOwnAccountsNumbers() throws Exception {
        trunks.set(trunk("t1", "a", List.of("127.0.0.2/32"), null, 10, 10));
        Sipp.Result r = sipp("trunk-call.xml", TRUNK_SOURCE, "b-direct");
        assertThat(r.passed()).isFalse();
        assertThat(r.messages()).contains("SIP/2.0 404");
    }

    /**
     * A caller from 127.0.0.2 that answers our challenges itself (SIPp 3.6 computes only MD5
     * and always takes the first challenge, which is SHA-256 here, so it cannot do this).
     */
    private static final class DigestCaller implements AutoCloseable {
        final UdpSipClient client;
        final Messages.Dialog dialog;
        final String number;

        DigestCaller(String number) throws Exception {
            this.client = new UdpSipClient(InetAddress.getByName(TRUNK_SOURCE), port);
            this.dialog = Messages.newDialog(client.localPort(), port);
            this.number = number;
        }

        String requestUri() {
            return "sip:" + number + "@127.0.0.1:" + port;
        }

        /** Sends an INVITE (with this Authorization value, or none) and returns its final response, ACKed when not 2xx. */
        UdpSipClient.SipMessage invite(int cseq, String authorization) throws Exception {
            String branch = UdpSipClient.token();
            String extra = authorization == null ? "" : "Authorization: " + authorization + "\r\n";
            client.send(Messages.request("INVITE", number, dialog, cseq, "INVITE", branch, extra, "application/sdp",
                    Messages.PCMU_OFFER));
            UdpSipClient.SipMessage r = client.finalResponse("INVITE", Duration.ofSeconds(5));
            assertThat(r).as("final response to INVITE").isNotNull();
            if (r.status() >= 300) {
                client.send(Messages.request("ACK", number, dialog.withToTag(r.toTag()), cseq, "ACK", branch, "", null,
                        null));
            }
            return r;
        }

        /** ACK for a 200, then BYE, 200 to our BYE awaited. */
        void hangUp(UdpSipClient.SipMessage ok, int cseq) throws Exception {
            Messages.Dialog d = dialog.withToTag(ok.toTag());
            client.send(Messages.request("ACK", number, d, cseq, "ACK", UdpSipClient.token(), "", null, null));
            client.send(Messages.request("BYE", number, d, cseq + 1, "BYE", UdpSipClient.token(), "", null, null));
            assertThat(client.finalResponse("BYE", Duration.ofSeconds(5)).status()).isEqualTo(200);
        }

        String answer(UdpSipClient.SipMessage challenge, DigestAlgorithm algorithm, String user, String password,
                      int nc) {
            DigestChallenge c = challenges(challenge).stream().filter(x -> x.algorithm() == algorithm).findFirst()
                    .orElseThrow();
            return DigestCredentials.answer(c, user, password, "INVITE", requestUri(), nc, UdpSipClient.token())
                    .toHeaderValue();
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** Every WWW-Authenticate of a response, in order. */
    static List<DigestChallenge> challenges(UdpSipClient.SipMessage m) {
        List<DigestChallenge> out = new ArrayList<>();
        for (String line : m.text().split("\r\n")) {
            if (line.regionMatches(true, 0, "WWW-Authenticate:", 0, 17)) {
                out.add(DigestChallenge.parse(line.substring(17).strip()).orElseThrow());
            }
        }
        return out;
    }

    private static final Trunk.Credentials CARRIER = new Trunk.Credentials("carrier", "s3cret-pass", null);

    @Test
    void digestChallengesSha256ThenMd5AndEitherAnswerIsAdmitted() throws Exception {
        trunks.set(trunk("d1", "a", List.of(), CARRIER, 10, 10));
        for (DigestAlgorithm alg : List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5)) {
            try (DigestCaller c = new DigestCaller("a-direct")) {
                UdpSipClient.SipMessage challenge = c.invite(1, null);
                assertThat(challenge.status()).isEqualTo(401);
                List<DigestChallenge> offered = challenges(challenge);
                assertThat(offered).extracting(DigestChallenge::algorithm)
                        .containsExactly(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5); // RFC 8760 section 2.4
                assertThat(offered).allMatch(x -> x.realm().equals("voxgate.test") && x.qopAuth() && !x.stale());
                UdpSipClient.SipMessage ok = c.invite(2, c.answer(challenge, alg, "carrier", "s3cret-pass", 1));
                assertThat(ok.status()).as(alg.wire()).isEqualTo(200);
                c.hangUp(ok, 2);
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> records.size() == 2);
        assertThat(records).allMatch(r -> "d1".equals(r.trunkId()) && "a".equals(r.accountId()));
    }

    @Test
    void digestWithAWrongPasswordOrUnknownUserGetsTheSame403() throws Exception {
        trunks.set(trunk("d1", "a", List.of(), CARRIER, 10, 10));
        long before = rejections(SecurityReason.AUTH_FAILED);
        List<String> answers = new ArrayList<>();
        for (String[] who : new String[][] {{"carrier", "guessed-pw"}, {"nobody", "s3cret-pass"}}) {
            try (DigestCaller c = new DigestCaller("a-direct")) {
                UdpSipClient.SipMessage challenge = c.invite(1, null);
                UdpSipClient.SipMessage r = c.invite(2, c.answer(challenge, DigestAlgorithm.MD5, who[0], who[1], 1));
                assertThat(r.status()).isEqualTo(403);
                answers.add(r.firstLine() + "|" + r.body() + "|" + r.header("Content-Length"));
            }
        }
        assertThat(answers.get(0)).as("no user enumeration").isEqualTo(answers.get(1));
        assertThat(rejections(SecurityReason.AUTH_FAILED)).isEqualTo(before + 2);
        assertThat(records).isEmpty();
    }

    @Test
    void aReplayedNonceCountIsRefused() throws Exception {
        trunks.set(trunk("d1", "a", List.of(), CARRIER, 10, 10));
        long before = rejections(SecurityReason.NONCE_REPLAY);
        try (DigestCaller c = new DigestCaller("a-direct")) {
            UdpSipClient.SipMessage challenge = c.invite(1, null);
            String auth = c.answer(challenge, DigestAlgorithm.SHA_256, "carrier", "s3cret-pass", 1);
            UdpSipClient.SipMessage ok = c.invite(2, auth);
            assertThat(ok.status()).isEqualTo(200);
            c.hangUp(ok, 2);
            try (DigestCaller replay = new DigestCaller("a-direct")) {
                assertThat(replay.invite(1, auth).status()).isEqualTo(403); // same nonce, same nc
            }
            // the next nc of the same nonce is fine
            try (DigestCaller next = new DigestCaller("a-direct")) {
                UdpSipClient.SipMessage ok2 = next.invite(1, c.answer(challenge, DigestAlgorithm.SHA_256, "carrier",
                        "s3cret-pass", 2));
                assertThat(ok2.status()).isEqualTo(200);
                next.hangUp(ok2, 1);
            }
        }
        assertThat(rejections(SecurityReason.NONCE_REPLAY)).isEqualTo(before + 1);
    }

    @Test
    void channelLimitGives503WithRetryAfter() throws Exception {
        trunks.set(trunk("t1", "a", List.of("127.0.0.2/32", "127.0.0.3/32"), null, 1, 100));
        long before = rejections(SecurityReason.TRUNK_LIMIT);
        Thread holder = new Thread(() -> {
            try {
                sipp("trunk-call.xml", TRUNK_SOURCE, "a-direct", "-d", "3000");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        holder.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.activeCalls() == 1);
        passes(sipp("trunk-busy.xml", OTHER_SOURCE, "a-direct"));
        holder.join(20_000);
        assertThat(rejections(SecurityReason.TRUNK_LIMIT)).isEqualTo(before + 1);
        // the channel came back
        passes(sipp("trunk-call.xml", OTHER_SOURCE, "a-direct"));
    }

    @Test
    void callsPerSecondLimitGives503WithRetryAfter() throws Exception {
        trunks.set(trunk("t1", "a", List.of("127.0.0.2/32"), null, 10, 1));
        passes(sipp("trunk-cps.xml", TRUNK_SOURCE, "a-direct"));
    }

    @Test
    void disablingATrunkRefusesNewCallsAndKeepsTheCurrentOne() throws Exception {
        Trunk on = trunk("t1", "a", List.of("127.0.0.2/32", "127.0.0.3/32"), null, 10, 100);
        trunks.set(on);
        Thread holder = new Thread(() -> {
            try {
                passes(sipp("trunk-call.xml", TRUNK_SOURCE, "a-direct", "-d", "3000"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        holder.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.activeCalls() == 1);
        trunks.set(new Trunk(on.id(), on.accountId(), on.name(), on.direction(), on.hosts(), on.port(), on.transport(),
                on.inboundCidrs(), null, null, on.codecs(), 10, 100, on.srtpPolicy(), on.callerIdPolicy(), List.of(),
                false));
        passes(sipp("trunk-refused.xml", OTHER_SOURCE, "a-direct"));
        holder.join(20_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> !records.isEmpty());
        assertThat(records.get(0).cause()).isEqualTo(EndCause.CALLER_HANGUP);
    }

    @Test
    void localNetworkCallersNeedNoTrunkAndCannotAssertAnIdentity() throws Exception {
        passes(sipp("trunk-call.xml", "127.0.0.1", "a-direct"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !records.isEmpty());
        assertThat(records.get(0).trunkId()).isNull();
        assertThat(records.get(0).caller()).startsWith("sip:caller@");
    }
}
