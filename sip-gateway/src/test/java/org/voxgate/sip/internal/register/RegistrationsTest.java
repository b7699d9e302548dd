package org.voxgate.sip.internal.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.voxgate.sip.RegistrationState;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.TrunkDirectory;
import org.voxgate.sip.fake.FakeScheduler;

/** Reconciling the machines with a changing trunk directory, on a fake clock. */
class RegistrationsTest {
    private final FakeScheduler scheduler = new FakeScheduler();
    private final FakeRegistrar registrar = new FakeRegistrar();
    private volatile List<Trunk> trunks = List.of();
    private final AtomicLong version = new AtomicLong();
    private final TrunkDirectory directory = new TrunkDirectory() {
        @Override
        public List<Trunk> trunks() {
            return trunks;
        }

        @Override
        public long version() {
            return version.get();
        }
    };
    private final Registrations registrations = new Registrations(directory,
            RegistrationSettings.of("203.0.113.5", 5070, 5070, 0), registrar, scheduler,
            () -> scheduler.nanoTime() / 1_000_000, new SplittableRandom(1), (s, d) -> { });

    private void publish(Trunk... ts) {
        trunks = List.of(ts);
        version.incrementAndGet();
    }

    private static Trunk withExpiry(Trunk t, int expiry, boolean enabled) {
        return new Trunk(t.id(), t.accountId(), t.name(), t.direction(), t.hosts(), t.port(), t.transport(),
                t.inboundCidrs(), t.inboundCredentials(),
                expiry == 0 ? null : new Trunk.Registration(t.registration().credentials(), expiry), t.codecs(),
                t.maxChannels(), t.maxCallsPerSecond(), t.srtpPolicy(), t.callerIdPolicy(), t.dialOutPrefixes(),
                enabled);
    }

    @Test
    void followsTheDirectoryLive() {
        Trunk t = RegistrationMachineTest.trunk(null, 300, "carrier.example");
        publish(t);
        registrations.start();
        assertThat(registrar.sent).hasSize(1);
        String firstCallId = registrar.last().callId();
        registrar.answer(FakeRegistrar.ok(300));
        assertThat(registrations.statuses().get("t1").state()).isEqualTo(RegistrationState.REGISTERED);

        // a change that does not touch the registration: nothing sent
        publish(t);
        scheduler.advanceMillis(2_000);
        assertThat(registrar.sent).hasSize(1);

        // expiry changed: Expires 0 on the old Call-ID first, then the new registration
        publish(withExpiry(t, 600, true));
        scheduler.advanceMillis(2_000);
        assertThat(registrar.sent).hasSize(2);
        assertThat(registrar.last().expiresSeconds()).isZero();
        assertThat(registrar.last().callId()).isEqualTo(firstCallId);
        registrar.answer(FakeRegistrar.ok(-1));
        scheduler.advanceMillis(0);
        assertThat(registrar.sent).hasSize(3);
        assertThat(registrar.last().expiresSeconds()).isEqualTo(600);
        assertThat(registrar.last().callId()).isNotEqualTo(firstCallId);
        registrar.answer(FakeRegistrar.ok(600));
        assertThat(registrations.statuses().get("t1").grantedExpirySeconds()).isEqualTo(600);

        // disabled: unregistered, gone from the status
        publish(withExpiry(t, 600, false));
        scheduler.advanceMillis(2_000);
        assertThat(registrar.last().expiresSeconds()).isZero();
        assertThat(registrations.statuses()).isEmpty();

        // back, then removed entirely
        publish(t);
        scheduler.advanceMillis(2_000);
        assertThat(registrar.last().expiresSeconds()).isEqualTo(300);
        registrar.answer(FakeRegistrar.ok(300));
        publish();
        scheduler.advanceMillis(2_000);
        assertThat(registrar.last().expiresSeconds()).isZero();
        assertThat(registrations.statuses()).isEmpty();
    }

    @Test
    void closeUnregistersEveryTrunkWithinTheWait() {
        publish(RegistrationMachineTest.trunk(null, 300, "carrier.example"));
        registrations.start();
        registrar.answer(FakeRegistrar.ok(300));
        long t0 = System.nanoTime();
        registrations.close(Duration.ofMillis(200)); // the fake registrar never answers
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        assertThat(registrar.last().expiresSeconds()).isZero();
        publish();
        scheduler.advanceMillis(10_000);
        assertThat(registrar.sent).hasSize(2);
    }
}
