package org.voxgate.sip.internal.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.voxgate.sip.RegistrationState;
import org.voxgate.sip.RegistrationStatus;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.fake.FakeScheduler;
import org.voxgate.sip.internal.digest.DigestCredentials;

/** The registration state machine on a fake clock against a scripted registrar. */
class RegistrationMachineTest {
    private static final String PEER = "192.0.2.10";
    private static final String MD5_CHALLENGE = "Digest realm=\"carrier.example\", nonce=\"n1\", qop=\"auth\"";

    private final FakeScheduler scheduler = new FakeScheduler();
    private final FakeRegistrar registrar = new FakeRegistrar();
    private final List<String> foreign = new ArrayList<>();

    static Trunk trunk(String realm, int expiry, String... hosts) {
        return new Trunk("t1", "acct", "carrier", Trunk.Direction.BOTH, List.of(hosts), 5060, Trunk.Transport.UDP,
                List.of(), null, new Trunk.Registration(new Trunk.Credentials("alice", "s3cret", realm), expiry),
                List.of("PCMU"), 10, 5, Trunk.SrtpPolicy.OFF, Trunk.CallerIdPolicy.PASSTHROUGH, List.of(), true);
    }

    private RegistrationMachine machine(Trunk t) {
        RegistrationSettings s = RegistrationSettings.of("203.0.113.5", 5070, 5070, 0);
        return new RegistrationMachine(t, s, registrar, scheduler, () -> scheduler.nanoTime() / 1_000_000,
                new Backoff(s.backoffMin(), s.backoffMax(), new SplittableRandom(7)),
                (source, detail) -> foreign.add(source + " " + detail));
    }

    private static DigestCredentials parsed(RegisterRequest r) {
        return DigestCredentials.parse(r.authorization().value()).orElseThrow();
    }

    @Test
    void answersTheChallengeRegistersAndRefreshesWithTheSameCallIdAndNonceCountOneHigher() {
        RegistrationMachine m = machine(trunk("carrier.example", 120, "carrier.example"));
        m.start();
        RegisterRequest first = registrar.last();
        assertThat(first.requestUri()).isEqualTo("sip:carrier.example:5060;transport=udp");
        assertThat(first.aorUser()).isEqualTo("alice");
        assertThat(first.aorDomain()).isEqualTo("carrier.example");
        assertThat(first.expiresSeconds()).isEqualTo(120);
        assertThat(first.authorization()).isNull();
        assertThat(m.status().state()).isEqualTo(RegistrationState.REGISTERING);

        registrar.answer(FakeRegistrar.challenge(401, PEER, true, MD5_CHALLENGE));
        RegisterRequest answered = registrar.last();
        assertThat(answered.cseq()).isGreaterThan(first.cseq());
        assertThat(answered.callId()).isEqualTo(first.callId());
        assertThat(answered.authorization().headerName()).isEqualTo("Authorization");
        DigestCredentials c = parsed(answered);
        assertThat(c.nc()).isEqualTo("00000001");
        assertThat(c.uri()).isEqualTo(answered.requestUri());
        assertThat(c.verify("s3cret", "REGISTER")).isTrue();
        assertThat(c.verify("wrong", "REGISTER")).isFalse();

        registrar.answer(FakeRegistrar.ok(100)); // the registrar lowered the expiry
        RegistrationStatus st = m.status();
        assertThat(st.state()).isEqualTo(RegistrationState.REGISTERED);
        assertThat(st.grantedExpirySeconds()).isEqualTo(100);
        assertThat(st.registrar()).isEqualTo("carrier.example");
        assertThat(st.lastStatusCode()).isEqualTo(200);
        long nowMs = scheduler.nanoTime() / 1_000_000;
        assertThat(st.expiresAt().toEpochMilli()).isEqualTo(nowMs + 100_000);
        // min(100 - 32, 80) = 68 s
        assertThat(st.nextAttemptAt().toEpochMilli()).isEqualTo(nowMs + 68_000);

        int before = registrar.sent.size();
        scheduler.advanceMillis(67_999);
        assertThat(registrar.sent).hasSize(before);
        scheduler.advanceMillis(1);
        RegisterRequest refresh = registrar.last();
        assertThat(refresh.callId()).isEqualTo(first.callId());
        assertThat(refresh.cseq()).isGreaterThan(answered.cseq());
        DigestCredentials rc = parsed(refresh);
        assertThat(rc.nonce()).isEqualTo("n1");
        assertThat(rc.nc()).isEqualTo("00000002");
        assertThat(rc.cnonce()).isNotEqualTo(c.cnonce());
        assertThat(rc.verify("s3cret", "REGISTER")).isTrue();
        assertThat(m.status().state()).isEqualTo(RegistrationState.REGISTERED);
    }

    @Test
    void aSecondChallengeAfterOurAnswerMeansWrongCredentials() {
        RegistrationMachine m = machine(trunk(null, 300, "carrier.example"));
        m.start();
        registrar.answer(FakeRegistrar.challenge(401, PEER, true, MD5_CHALLENGE));
        registrar.answer(FakeRegistrar.challenge(401, PEER, true,
                "Digest realm=\"carrier.example\", nonce=\"n2\", qop=\"auth\""));
        RegistrationStatus st = m.status();
        assertThat(st.state()).isEqualTo(RegistrationState.FAILED);
        assertThat(st.lastStatusCode()).isEqualTo(401);
        assertThat(st.lastFailure()).contains("credentials refused");
        int sent = registrar.sent.size();
        assertThat(sent).isEqualTo(2);
        long wait = st.nextAttemptAt().toEpochMilli() - scheduler.nanoTime() / 1_000_000;
        assertThat(wait).isBetween(24_000L, 30_000L); // 30 s with up to 20 % jitter
        scheduler.advanceMillis(wait);
        assertThat(registrar.sent).hasSize(3);
        assertThat(registrar.last().authorization()).isNull(); // a fresh start
        assertThat(m.status().state()).isEqualTo(RegistrationState.REGISTERING);
        assertThat(foreign).isEmpty();
    }

    @Test
    void aStaleChallengeIsAnsweredAgain() {
        RegistrationMachine m = machine(trunk(null, 300, "carrier.example"));
        m.start();
        registrar.answer(FakeRegistrar.challenge(401, PEER, true, MD5_CHALLENGE));
        registrar.answer(FakeRegistrar.challenge(401, PEER, true,
                "Digest realm=\"carrier.example\", nonce=\"n2\", qop=\"auth\", stale=true"));
        DigestCredentials c = parsed(registrar.last());
        assertThat(c.nonce()).isEqualTo("n2");
        assertThat(c.nc()).isEqualTo("00000001");
        registrar.answer(FakeRegistrar.ok(300));
        assertThat(m.status().state()).isEqualTo(RegistrationState.REGISTERED);
    }

    @Test
    void aChallengeToARefreshIsAnsweredNotTakenForWrongCredentials() {
        RegistrationMachine m = machine(trunk(null, 300, "carrier.example"));
        m.start();
        registrar.answer(FakeRegistrar.challenge(401, PEER, true, MD5_CHALLENGE));
        registrar.answer(FakeRegistrar.ok(300));
        scheduler.advanceMillis(240_000);
        assertThat(parsed(registrar.last()).nc()).isEqualTo("00000002");
        registrar.answer(FakeRegistrar.challenge(401, PEER, true,
                "Digest realm=\"carrier.example\", nonce=\"n3\", qop=\"auth\""));
        assertThat(parsed(registrar.last()).nonce()).isEqualTo("n3");
        registrar.answer(FakeRegistrar.ok(300));
        assertThat(m.status().state()).isEqualTo(RegistrationState.REGISTERED);
    }

    @Test
    void proxyChallengeIsAnsweredWithProxyAuthorizationAndTheTopmostSupportedAlgorithm() {
        RegistrationMachine m = machine(trunk("carrier.example", 300, "carrier.example"));
        m.start();
        registrar.answer(FakeRegistrar.challenge(407, PEER, true,
                "Digest realm=\"carrier.example\", nonce=\"x\", algorithm=SHA-256-sess, qop=\"auth\"",
                "Digest realm=\"carrier.example\", nonce=\"n5\", algorithm=SHA-256, qop=\"auth\"",
                MD5_CHALLENGE));
        RegisterRequest r = registrar.last();
        assertThat(r.authorization().headerName()).isEqualTo("Proxy-Authorization");
        DigestCredentials c = parsed(r);
        assertThat(c.algorithm().wire()).isEqualTo("SHA-256");
        assertThat(c.nonce()).isEqualTo("n5");
        assertThat(c.verify("s3cret", "REGISTER")).isTrue();
    }

    @Test
    void aChallengeFromAnotherAddressIsNotAnsweredAndLogged() {
        RegistrationMachine m = machine(trunk(null, 300, "carrier.example"));
        m.start();
        registrar.answer(FakeRegistrar.challenge(401, "198.51.100.66", false, MD5_CHALLENGE));
        assertThat(registrar.sent).hasSize(1); // no answer went out
        assertThat(m.status().state()).isEqualTo(RegistrationState.FAILED);
        assertThat(m.status().lastFailure()).contains("not the peer");
        assertThat(foreign).singleElement().asString().startsWith("198.51.100.66 trunk t1");
    }

    @Test
    void aChallengeForAnotherRealmIsNotAnswered() {
        RegistrationMachine m = machine(trunk("carrier.example", 300, "carrier.example"));
        m.start();
        registrar.answer(FakeRegistrar.challenge(401, PEER, true,
                "Digest realm=\"evil.example\", nonce=\"n1\", qop=\"auth\""));
        assertThat(registrar.sent).hasSize(1);
        assertThat(m.status().state()).isEqualTo(RegistrationState.FAILED);
        assertThat(m.status().lastFailure()).contains("evil.example");
        assertThat(foreign).hasSize(1);
    }

    @Test
    void intervalTooBriefRetriesWithMinExpires() {
        RegistrationMachine m = machine(trunk(null, 60, "carrier.example"));
        m.start();
        registrar.answer(FakeRegistrar.tooBrief(3600));
        assertThat(registrar.last().expiresSeconds()).isEqualTo(3600);
        registrar.answer(FakeRegistrar.ok(3600));
        assertThat(m.status().grantedExpirySeconds()).isEqualTo(3600);
        // a second 423 that asks for no more is a failure, not a loop
        scheduler.advanceMillis(2_880_000);
        registrar.answer(FakeRegistrar.tooBrief(3600));
        assertThat(m.status().state()).isEqualTo(RegistrationState.FAILED);
    }

    @Test
    void failsOverToTheNextHostThenHonoursRetryAfter() {
        RegistrationMachine m = machine(trunk(null, 300, "a.example", "b.example"));
        m.start();
        assertThat(registrar.last().host()).isEqualTo("a.example");
        registrar.answer(FakeRegistrar.status(503, "Service Unavailable", -1));
        assertThat(registrar.last().host()).isEqualTo("b.example");
        assertThat(registrar.last().callId()).isEqualTo(registrar.sent.get(0).callId());
        registrar.answer(FakeRegistrar.status(503, "Service Unavailable", 7));
        RegistrationStatus st = m.status();
        assertThat(st.state()).isEqualTo(RegistrationState.RETRYING);
        assertThat(st.lastFailure()).contains("503").contains("b.example");
        scheduler.advanceMillis(6_999);
        assertThat(registrar.sent).hasSize(2);
        scheduler.advanceMillis(1);
        assertThat(registrar.last().host()).isEqualTo("a.example");
        registrar.answer(FakeRegistrar.ok(300));
        assertThat(m.status().state()).isEqualTo(RegistrationState.REGISTERED);
        assertThat(m.status().registrar()).isEqualTo("a.example");
    }

    @Test
    void timeoutsBackOffExponentiallyUpToTheCap() {
        RegistrationMachine m = machine(trunk(null, 300, "a.example"));
        m.start();
        long[] lows = {24_000, 48_000, 96_000, 192_000, 384_000, 768_000, 1_440_000, 1_440_000};
        for (long low : lows) {
            registrar.answer(RegisterResponse.timeout());
            RegistrationStatus st = m.status();
            assertThat(st.state()).isEqualTo(RegistrationState.RETRYING);
            assertThat(st.lastStatusCode()).isEqualTo(408);
            long wait = st.nextAttemptAt().toEpochMilli() - scheduler.nanoTime() / 1_000_000;
            assertThat(wait).isBetween(low, low * 5 / 4);
            scheduler.advanceMillis(wait);
        }
        registrar.answer(FakeRegistrar.ok(300));
        registrar.answer(RegisterResponse.timeout()); // stale: no request in flight any more
        assertThat(m.status().state()).isEqualTo(RegistrationState.REGISTERED);
    }

    @Test
    void otherFinalResponsesFail() {
        RegistrationMachine m = machine(trunk(null, 300, "a.example", "b.example"));
        m.start();
        registrar.answer(FakeRegistrar.status(403, "Forbidden", -1));
        assertThat(registrar.sent).hasSize(1); // 403 is not a reason to try another host
        assertThat(m.status().state()).isEqualTo(RegistrationState.FAILED);
        assertThat(m.status().lastFailure()).isEqualTo("refused: 403 Forbidden");
    }

    @Test
    void stopUnregistersWithExpiresZeroAndAnswersItsChallenge() {
        RegistrationMachine m = machine(trunk(null, 300, "carrier.example"));
        m.start();
        registrar.answer(FakeRegistrar.ok(300));
        List<String> done = new ArrayList<>();
        m.stop(() -> done.add("done"));
        RegisterRequest un = registrar.last();
        assertThat(un.expiresSeconds()).isZero();
        assertThat(un.callId()).isEqualTo(registrar.sent.get(0).callId());
        assertThat(m.status().state()).isEqualTo(RegistrationState.UNREGISTERING);
        registrar.answer(FakeRegistrar.challenge(401, PEER, true, MD5_CHALLENGE));
        assertThat(registrar.last().expiresSeconds()).isZero();
        assertThat(parsed(registrar.last()).verify("s3cret", "REGISTER")).isTrue();
        registrar.answer(FakeRegistrar.ok(-1));
        scheduler.advanceMillis(0);
        assertThat(done).containsExactly("done");
        assertThat(m.status().state()).isEqualTo(RegistrationState.UNREGISTERED);
        assertThat(m.status().expiresAt()).isNull();
        scheduler.advanceMillis(3_600_000);
        assertThat(registrar.sent).hasSize(3); // no refresh after stop
    }

    @Test
    void stopWithoutABindingSendsNothing() {
        RegistrationMachine m = machine(trunk(null, 300, "carrier.example"));
        List<String> done = new ArrayList<>();
        m.stop(() -> done.add("done"));
        scheduler.advanceMillis(0);
        assertThat(done).containsExactly("done");
        assertThat(registrar.sent).isEmpty();
        m.start();
        assertThat(registrar.sent).isEmpty();
    }

    @Test
    void aTlsTrunkWithoutOurTlsListeningPointFails() {
        Trunk t = new Trunk("t1", "acct", "carrier", Trunk.Direction.BOTH, List.of("carrier.example"), 5061,
                Trunk.Transport.TLS, List.of(), null,
                new Trunk.Registration(new Trunk.Credentials("alice", "s3cret", null), 300), List.of("PCMU"), 10, 5,
                Trunk.SrtpPolicy.OFF, Trunk.CallerIdPolicy.PASSTHROUGH, List.of(), true);
        RegistrationMachine m = machine(t);
        m.start();
        scheduler.advanceMillis(0);
        assertThat(registrar.sent).isEmpty();
        assertThat(m.status().state()).isEqualTo(RegistrationState.RETRYING);
        assertThat(m.status().lastFailure()).contains("no tls listening point");
    }

    @Test
    void refreshDelays() {
        assertThat(RegistrationSettings.refreshDelayMillis(3600)).isEqualTo(2_880_000);
        assertThat(RegistrationSettings.refreshDelayMillis(120)).isEqualTo(88_000);
        assertThat(RegistrationSettings.refreshDelayMillis(60)).isEqualTo(30_000);
        assertThat(RegistrationSettings.refreshDelayMillis(10)).isEqualTo(5_000);
        assertThat(Duration.ofMillis(RegistrationSettings.refreshDelayMillis(1))).isPositive();
    }
}
