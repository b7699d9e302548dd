package org.voxgate.sip.internal.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.voxgate.sip.SecurityReason;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.TrunkDirectory;
import org.voxgate.sip.internal.digest.DigestAlgorithm;
import org.voxgate.sip.internal.digest.DigestChallenge;
import org.voxgate.sip.internal.digest.DigestCredentials;
import org.voxgate.sip.internal.trunk.Admission.Kind;

class TrunkAdmissionTest {
    private static final String URI = "sip:+4930123@voxgate.example";
    private final AtomicLong nowMs = new AtomicLong(1_000_000);
    private final NonceService nonces = new NonceService(nowMs::get, new SecureRandom());
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
    private final TrunkAdmission admission = new TrunkAdmission(List.of("127.0.0.0/8", "::1/128"), directory, nonces,
            "voxgate.example", List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5));

    private void set(Trunk... t) {
        trunks = List.of(t);
        version.incrementAndGet();
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private Admission invite(String source, String... authorization) throws Exception {
        return admission.admit(ip(source), URI, List.of(authorization));
    }

    private static String answer(Admission challenge, int which, String user, String password, int nc) {
        DigestChallenge c = DigestChallenge.parse(challenge.challenges().get(which)).orElseThrow();
        return DigestCredentials.answer(c, user, password, "INVITE", URI, nc, "0a4f113b").toHeaderValue();
    }

    @Test
    void localNetworksNeedNoTrunk() throws Exception {
        assertThat(invite("127.0.0.2").kind()).isEqualTo(Kind.LOCAL);
        assertThat(invite("::1").kind()).isEqualTo(Kind.LOCAL);
    }

    @Test
    void unknownSourceWithoutDigestTrunksIsForbidden() throws Exception {
        set(Trunks.byCidr("t1", "a", "192.0.2.0/24"));
        Admission a = invite("203.0.113.5");
        assertThat(a.kind()).isEqualTo(Kind.FORBIDDEN);
        assertThat(a.reason()).isEqualTo(SecurityReason.UNKNOWN_SOURCE);
        assertThat(a.authFailure()).isFalse();
    }

    @Test
    void cidrMatchAppliesAtOnceAndDisablingRefuses() throws Exception {
        assertThat(invite("192.0.2.9").kind()).isEqualTo(Kind.FORBIDDEN);
        Trunk t = Trunks.byCidr("t1", "a", "192.0.2.0/24", "2001:db8::/64");
        set(t);
        assertThat(invite("192.0.2.9").trunk()).isEqualTo(t);
        assertThat(invite("2001:db8::7").trunk()).isEqualTo(t);
        set(Trunks.with(t, false, Trunk.Direction.BOTH), Trunks.byDigest("d", "b", "carrier", "secretpass"));
        Admission a = invite("192.0.2.9");
        assertThat(a.kind()).as("disabled: 403, not a challenge").isEqualTo(Kind.FORBIDDEN);
        assertThat(a.detail()).contains("disabled");
        set(Trunks.with(t, true, Trunk.Direction.OUTBOUND));
        assertThat(invite("192.0.2.9").detail()).contains("outbound-only");
    }

    @Test
    void digestChallengeOffersSha256ThenMd5AndTheRightPasswordAdmits() throws Exception {
        Trunk d = Trunks.byDigest("d1", "a", "carrier", "secretpass");
        set(d);
        Admission c = invite("203.0.113.5");
        assertThat(c.kind()).isEqualTo(Kind.CHALLENGE);
        assertThat(c.challenges()).hasSize(2);
        assertThat(c.challenges().get(0)).contains("algorithm=SHA-256").contains("realm=\"voxgate.example\"")
                .contains("qop=\"auth\"");
        assertThat(c.challenges().get(1)).contains("algorithm=MD5");
        assertThat(invite("203.0.113.5", answer(c, 0, "carrier", "secretpass", 1)).trunk()).isEqualTo(d);
        Admission md5 = invite("203.0.113.5");
        assertThat(invite("203.0.113.5", answer(md5, 1, "carrier", "secretpass", 1)).trunk()).isEqualTo(d);
    }

    @Test
    void wrongPasswordAndUnknownUserAnswerAlike() throws Exception {
        set(Trunks.byDigest("d1", "a", "carrier", "secretpass"));
        Admission c = invite("203.0.113.5");
        Admission wrong = invite("203.0.113.5", answer(c, 0, "carrier", "guess1234", 1));
        Admission unknown = invite("203.0.113.5", answer(c, 0, "nobody", "secretpass", 2));
        assertThat(wrong).isEqualTo(unknown);
        assertThat(wrong.kind()).isEqualTo(Kind.FORBIDDEN);
        assertThat(wrong.reason()).isEqualTo(SecurityReason.AUTH_FAILED);
        assertThat(wrong.authFailure()).isTrue();
    }

    @Test
    void aReplayedNonceCountIsRefused() throws Exception {
        set(Trunks.byDigest("d1", "a", "carrier", "secretpass"));
        Admission c = invite("203.0.113.5");
        String auth = answer(c, 0, "carrier", "secretpass", 1);
        assertThat(invite("203.0.113.5", auth).kind()).isEqualTo(Kind.TRUNK);
        Admission again = invite("203.0.113.5", auth);
        assertThat(again.kind()).isEqualTo(Kind.FORBIDDEN);
        assertThat(again.reason()).isEqualTo(SecurityReason.NONCE_REPLAY);
        assertThat(invite("203.0.113.5", answer(c, 0, "carrier", "secretpass", 2)).kind()).isEqualTo(Kind.TRUNK);
    }

    @Test
    void aStaleOrForeignNonceWithTheRightPasswordIsChallengedStale() throws Exception {
        set(Trunks.byDigest("d1", "a", "carrier", "secretpass"));
        Admission c = invite("203.0.113.5");
        nowMs.addAndGet(NonceService.LIFETIME_MS + 1);
        Admission stale = invite("203.0.113.5", answer(c, 0, "carrier", "secretpass", 1));
        assertThat(stale.kind()).isEqualTo(Kind.CHALLENGE);
        assertThat(stale.challenges().get(0)).contains("stale=TRUE");
        Admission wrongAndStale = invite("203.0.113.5", answer(c, 0, "carrier", "wrongpass", 1));
        assertThat(wrongAndStale.reason()).isEqualTo(SecurityReason.AUTH_FAILED);
        // a nonce of another process (a restart, another node): forged, yet the password is right
        String foreign = DigestChallenge.issue("voxgate.example", new NonceService(nowMs::get, new SecureRandom())
                .issue(), DigestAlgorithm.MD5, false).toHeaderValue();
        String auth = DigestCredentials.answer(DigestChallenge.parse(foreign).orElseThrow(), "carrier", "secretpass",
                "INVITE", URI, 1, "abcdef12").toHeaderValue();
        assertThat(invite("203.0.113.5", auth).challenges()).allMatch(v -> v.contains("stale=TRUE"));
    }

    @Test
    void credentialsForAnotherUriOrRealmDoNotAdmit() throws Exception {
        set(Trunks.byDigest("d1", "a", "carrier", "secretpass"));
        Admission c = invite("203.0.113.5");
        DigestChallenge ch = DigestChallenge.parse(c.challenges().get(0)).orElseThrow();
        String otherUri = DigestCredentials.answer(ch, "carrier", "secretpass", "INVITE", "sip:other@voxgate.example",
                1, "abcdef12").toHeaderValue();
        assertThat(invite("203.0.113.5", otherUri).reason()).isEqualTo(SecurityReason.AUTH_FAILED);
        DigestChallenge otherRealm = new DigestChallenge("evil", ch.nonce(), ch.algorithm(), true, true, null, false);
        String realm = DigestCredentials.answer(otherRealm, "carrier", "secretpass", "INVITE", URI, 2, "abcdef12")
                .toHeaderValue();
        assertThat(invite("203.0.113.5", realm).kind()).as("not our realm: challenged again").isEqualTo(Kind.CHALLENGE);
    }

    @Test
    void digestForADisabledTrunkIsForbiddenWithoutCountingAFailure() throws Exception {
        Trunk on = Trunks.byDigest("d1", "a", "carrier", "secretpass");
        set(on);
        Admission c = invite("203.0.113.5");
        set(Trunks.with(on, false, Trunk.Direction.INBOUND));
        Admission a = invite("203.0.113.5", answer(c, 0, "carrier", "secretpass", 1));
        assertThat(a.kind()).isEqualTo(Kind.FORBIDDEN);
        assertThat(a.authFailure()).isFalse();
        assertThat(invite("203.0.113.5").kind()).as("no enabled digest trunk: no challenge").isEqualTo(Kind.FORBIDDEN);
    }

    @Test
    void tablesAreRebuiltOnlyWhenTheVersionMoves() throws Exception {
        Trunk t = Trunks.byCidr("t1", "a", "192.0.2.0/24");
        set(t);
        assertThat(invite("192.0.2.1").kind()).isEqualTo(Kind.TRUNK);
        trunks = List.of(); // changed without a version bump: the old table stays
        assertThat(invite("192.0.2.1").kind()).isEqualTo(Kind.TRUNK);
        version.incrementAndGet();
        assertThat(invite("192.0.2.1").kind()).isEqualTo(Kind.FORBIDDEN);
    }

    @Test
    void theOfferedAlgorithmsAreConfigurable() throws Exception {
        set(Trunks.byDigest("d1", "a", "carrier", "secretpass"));
        TrunkAdmission md5Only = new TrunkAdmission(List.of(), directory, nonces, "voxgate.example",
                List.of(DigestAlgorithm.MD5));
        Admission c = md5Only.admit(ip("203.0.113.5"), URI, List.of());
        assertThat(c.challenges()).hasSize(1).allMatch(v -> v.contains("algorithm=MD5"));
        assertThat(md5Only.admit(ip("127.0.0.1"), URI, List.of()).kind()).as("no local networks").isEqualTo(Kind.CHALLENGE);
    }
}
