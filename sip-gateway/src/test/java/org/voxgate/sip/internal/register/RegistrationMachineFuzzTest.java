package org.voxgate.sip.internal.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import org.voxgate.sip.RegistrationState;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.fake.FakeScheduler;

/**
 * Any sequence of registrar answers and clock jumps: the machine keeps one Call-ID and rising
 * CSeqs, never answers a foreign challenge, never asks for less than the configured expiry, is
 * never stuck (a request in flight or a timer set), and after stop sends only Expires 0.
 */
class RegistrationMachineFuzzTest {
    private static final String REALM = "carrier.example";

    enum Answer { OK, OK_ZERO, OK_SHORT, CHALLENGE, STALE, PROXY_CHALLENGE, FOREIGN_SOURCE, FOREIGN_REALM,
        TOO_BRIEF, TIMEOUT, UNAVAILABLE, UNAVAILABLE_RETRY_AFTER, FORBIDDEN, TRANSPORT, ADVANCE, STOP }

    @Provide
    Arbitrary<List<Answer>> scripts() {
        return Arbitraries.of(Answer.class).list().ofMinSize(1).ofMaxSize(40);
    }

    private static RegisterResponse response(Answer a, int n) {
        String nonce = "n" + (n % 3);
        return switch (a) {
            case OK -> FakeRegistrar.ok(300);
            case OK_ZERO -> FakeRegistrar.ok(0);
            case OK_SHORT -> FakeRegistrar.ok(5);
            case CHALLENGE -> FakeRegistrar.challenge(401, "192.0.2.10", true,
                    "Digest realm=\"" + REALM + "\", nonce=\"" + nonce + "\", qop=\"auth\"");
            case STALE -> FakeRegistrar.challenge(401, "192.0.2.10", true,
                    "Digest realm=\"" + REALM + "\", nonce=\"" + nonce + "s\", qop=\"auth\", stale=true");
            case PROXY_CHALLENGE -> FakeRegistrar.challenge(407, "192.0.2.10", true,
                    "Digest realm=\"" + REALM + "\", nonce=\"" + nonce + "p\", algorithm=SHA-256, qop=\"auth\"");
            case FOREIGN_SOURCE -> FakeRegistrar.challenge(401, "198.51.100.9", false,
                    "Digest realm=\"" + REALM + "\", nonce=\"FOREIGN\", qop=\"auth\"");
            case FOREIGN_REALM -> FakeRegistrar.challenge(401, "192.0.2.10", true,
                    "Digest realm=\"evil.example\", nonce=\"FOREIGN\", qop=\"auth\"");
            case TOO_BRIEF -> FakeRegistrar.tooBrief(300 + (n % 5) * 600);
            case TIMEOUT -> RegisterResponse.timeout();
            case UNAVAILABLE -> FakeRegistrar.status(503, "Service Unavailable", -1);
            case UNAVAILABLE_RETRY_AFTER -> FakeRegistrar.status(503, "Service Unavailable", n % 90);
            case FORBIDDEN -> FakeRegistrar.status(403, "Forbidden", -1);
            case TRANSPORT -> RegisterResponse.transportError("connection refused");
            case ADVANCE, STOP -> throw new IllegalArgumentException(a.name());
        };
    }

    @Property(tries = 300)
    void invariantsHoldForAnyScript(@ForAll("scripts") List<Answer> script,
                                    @ForAll @IntRange(min = 0, max = 4_000) int stepSeconds) {
        FakeScheduler scheduler = new FakeScheduler();
        FakeRegistrar registrar = new FakeRegistrar();
        List<String> foreign = new ArrayList<>();
        RegistrationSettings settings = RegistrationSettings.of("203.0.113.5", 5070, 5070, 0);
        Trunk trunk = RegistrationMachineTest.trunk(REALM, 300, "a.example", "b.example");
        RegistrationMachine m = new RegistrationMachine(trunk, settings, registrar, scheduler,
                () -> scheduler.nanoTime() / 1_000_000,
                new Backoff(settings.backoffMin(), settings.backoffMax(), new SplittableRandom(script.size())),
                (s, d) -> foreign.add(d));
        m.start();
        boolean stopped = false;
        int stopAt = -1;
        int n = 0;
        for (Answer a : script) {
            n++;
            int before = registrar.sent.size();
            if (a == Answer.ADVANCE) {
                scheduler.advanceMillis(stepSeconds * 1000L);
            } else if (a == Answer.STOP) {
                if (!stopped) {
                    stopped = true;
                    stopAt = registrar.sent.size();
                    m.stop(() -> { });
                }
            } else if (!registrar.sent.isEmpty()) {
                registrar.answer(response(a, n));
                scheduler.advanceMillis(0);
            }
            boolean newRequest = registrar.sent.size() > before;
            RegistrationState st = m.status().state();
            if (!stopped || st != RegistrationState.UNREGISTERED) {
                // not stuck: something is in flight (the last request, unanswered) or a timer is set
                assertThat(newRequest || scheduler.pending() > 0 || a == Answer.ADVANCE || a == Answer.STOP
                        || registrar.sent.isEmpty())
                        .as("stuck after %s in %s", a, st).isTrue();
            }
            if (st == RegistrationState.REGISTERED) {
                assertThat(m.status().expiresAt()).isNotNull();
            }
        }
        List<RegisterRequest> sent = registrar.sent;
        for (int i = 0; i < sent.size(); i++) {
            RegisterRequest r = sent.get(i);
            assertThat(r.callId()).isEqualTo(sent.get(0).callId());
            if (i > 0) {
                assertThat(r.cseq()).isGreaterThan(sent.get(i - 1).cseq());
            }
            if (r.authorization() != null) {
                assertThat(r.authorization().value()).doesNotContain("FOREIGN");
            }
            if (stopped && i >= stopAt) {
                assertThat(r.expiresSeconds()).isZero();
            } else {
                assertThat(r.expiresSeconds()).isGreaterThanOrEqualTo(300);
            }
        }
    }
}
