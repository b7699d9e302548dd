package org.voxgate.bridge.internal.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.voxgate.srtp.SrtpContext;
import org.voxgate.srtp.SrtpKeys;
import org.voxgate.srtp.SrtpPolicy;
import org.voxgate.srtp.SrtpProfile;
import org.voxgate.srtp.SrtpStatus;

class LegSrtpTest {
    private final AtomicInteger onLoop = new AtomicInteger();
    private final AtomicInteger underLock = new AtomicInteger();
    private final LegSrtp srtp = new LegSrtp(new LegSrtp.Threads() {
        @Override
        public Executor eventLoop() {
            return r -> {
                onLoop.incrementAndGet();
                r.run();
            };
        }

        @Override
        public void underPlayoutLock(Runnable r) {
            underLock.incrementAndGet();
            r.run();
        }
    });

    private static SrtpContext[] contexts() {
        byte[] key = new byte[16];
        byte[] salt = new byte[14];
        new SecureRandom().nextBytes(key);
        SrtpPolicy p = SrtpPolicy.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        try (SrtpKeys k = new SrtpKeys(key, salt)) {
            return new SrtpContext[] {SrtpContext.forReceiving(p, k), SrtpContext.forSending(p, k),
                    SrtpContext.forSending(p, k)};
        }
    }

    @Test
    void closeWipesEveryContextOnTheThreadThatUsesIt() {
        SrtpContext[] c = contexts();
        srtp.install(c[0], c[1], c[2]);
        assertThat(srtp.mode()).isEqualTo(LegSrtp.Mode.ACTIVE);
        srtp.close();
        assertThat(c).allMatch(SrtpContext::isClosed);
        assertThat(onLoop.get()).isEqualTo(1);
        assertThat(underLock.get()).isEqualTo(1);
        assertThat(srtp.protectRtp(new byte[200], 100)).isEqualTo(-1);
        SrtpContext[] late = contexts();
        srtp.install(late[0], late[1], late[2]);
        assertThat(late).allMatch(SrtpContext::isClosed);
    }

    @Test
    void replacedContextsAreClosedKeptOnesAreNot() {
        SrtpContext[] c = contexts();
        srtp.install(c[0], c[1], c[2]);
        SrtpContext[] d = contexts();
        srtp.install(d[0], null, null);
        assertThat(c[0].isClosed()).isTrue();
        assertThat(c[1].isClosed()).isFalse();
        assertThat(c[2].isClosed()).isFalse();
        srtp.clear();
        assertThat(srtp.mode()).isEqualTo(LegSrtp.Mode.PLAIN);
        assertThat(d[0].isClosed() && c[1].isClosed() && c[2].isClosed()).isTrue();
    }

    @Test
    void refusalsAreCountedByStatusAndNeverThrown() {
        SrtpContext[] c = contexts();
        srtp.install(c[0], c[1], c[2]);
        byte[] garbage = new byte[64];
        garbage[0] = (byte) 0x80;
        assertThat(srtp.unprotectRtp(garbage, 40)).isEqualTo(-1);
        assertThat(srtp.unprotectRtp(garbage, 5)).isEqualTo(-1);
        assertThat(srtp.refused(SrtpStatus.AUTH_FAIL)).isEqualTo(1);
        assertThat(srtp.refused(SrtpStatus.TRUNCATED)).isEqualTo(1);
        srtp.pending();
        assertThat(srtp.unprotectRtp(garbage, 40)).isEqualTo(-1);
        assertThat(srtp.refused(SrtpStatus.CLOSED)).isEqualTo(1);
        assertThat(srtp.refusedTotal()).isEqualTo(3);
    }

    @Test
    void rtcpWaitsForItsOwnKeysWhenItHasASeparateHandshake() {
        SrtpContext[] rtp = contexts();
        srtp.install(rtp[0], rtp[1], null, null);
        assertThat(srtp.mode()).isEqualTo(LegSrtp.Mode.ACTIVE);
        byte[] rtcp = new byte[100];
        rtcp[0] = (byte) 0x80;
        rtcp[1] = (byte) 201;
        rtcp[3] = 1;
        assertThat(srtp.protectRtcp(rtcp, 8)).as("no RTCP in the clear or under RTP keys").isEqualTo(-1);
        assertThat(srtp.unprotectRtcp(rtcp, 40)).isEqualTo(-1);
        SrtpContext[] rtcpKeys = contexts();
        srtp.install(null, null, rtcpKeys[0], rtcpKeys[2]);
        assertThat(srtp.protectRtcp(rtcp, 8)).isEqualTo(8 + 4 + 10);
        rtp[2].close();
        rtcpKeys[1].close();
        srtp.close();
        assertThat(rtp[0].isClosed() && rtp[1].isClosed() && rtcpKeys[0].isClosed() && rtcpKeys[2].isClosed()).isTrue();
    }
}
