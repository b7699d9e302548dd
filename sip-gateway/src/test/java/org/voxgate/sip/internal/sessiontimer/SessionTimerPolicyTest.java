package org.voxgate.sip.internal.sessiontimer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SessionTimerPolicyTest {
    private final SessionTimerPolicy policy = new SessionTimerPolicy(1800, 90);

    private SessionTimerDecision decide(int se, Refresher r, int minSe, boolean supported) {
        return policy.decide(new SessionTimerRequest(se, r, minSe, supported));
    }

    @Test
    void belowOurMinSeIs422WithOurMinSe() {
        SessionTimerDecision d = decide(60, null, -1, true);
        assertThat(d.kind()).isEqualTo(SessionTimerDecision.Kind.TOO_SMALL);
        assertThat(d.intervalSeconds()).isEqualTo(90);
        assertThat(decide(89, null, -1, false).kind()).isEqualTo(SessionTimerDecision.Kind.TOO_SMALL);
        assertThat(decide(90, null, -1, true).kind()).isEqualTo(SessionTimerDecision.Kind.ACCEPT);
    }

    @Test
    void noTimerWhenNeitherAskedNorSupported() {
        assertThat(decide(-1, null, -1, false).kind()).isEqualTo(SessionTimerDecision.Kind.NONE);
    }

    @Test
    void supportedWithoutSessionExpiresGetsOurIntervalAndUacRefreshes() {
        SessionTimerDecision d = decide(-1, null, -1, true);
        assertThat(d.kind()).isEqualTo(SessionTimerDecision.Kind.ACCEPT);
        assertThat(d.intervalSeconds()).isEqualTo(1800);
        assertThat(d.refresher()).isEqualTo(Refresher.UAC);
        assertThat(d.requireTimer()).isTrue();
    }

    @Test
    void longIntervalsAreLoweredButNotBelowTheRequestMinSe() {
        assertThat(decide(7200, null, -1, true).intervalSeconds()).isEqualTo(1800);
        assertThat(decide(600, null, -1, true).intervalSeconds()).isEqualTo(600);
        SessionTimerPolicy shortPolicy = new SessionTimerPolicy(120, 90);
        assertThat(shortPolicy.decide(new SessionTimerRequest(3600, null, 600, true)).intervalSeconds()).isEqualTo(600);
    }

    @Test
    void refresherTableOfSection9() {
        assertThat(decide(600, Refresher.UAC, -1, true).refresher()).isEqualTo(Refresher.UAC);
        assertThat(decide(600, Refresher.UAS, -1, true).refresher()).isEqualTo(Refresher.UAS);
        assertThat(decide(600, null, -1, true).refresher()).isEqualTo(Refresher.UAC);
        SessionTimerDecision proxyInserted = decide(600, null, -1, false);
        assertThat(proxyInserted.refresher()).isEqualTo(Refresher.UAS);
        assertThat(proxyInserted.requireTimer()).isFalse();
        // a UAC without timer support cannot refresh, whatever the proxy wrote
        assertThat(decide(600, Refresher.UAC, -1, false).refresher()).isEqualTo(Refresher.UAS);
    }

    @Test
    void timesOfSection10() {
        SessionTimerDecision d = decide(1800, null, -1, true);
        assertThat(d.expiryMillis()).isEqualTo((1800 - 32) * 1000L);
        assertThat(d.refreshMillis()).isEqualTo(900_000L);
        SessionTimerDecision shortOne = decide(90, null, -1, true);
        assertThat(shortOne.expiryMillis()).isEqualTo(60_000L);
    }

    @Test
    void refresherParsing() {
        assertThat(Refresher.parse(" UAC ")).isEqualTo(Refresher.UAC);
        assertThat(Refresher.parse("uas")).isEqualTo(Refresher.UAS);
        assertThat(Refresher.parse("other")).isNull();
        assertThat(Refresher.parse(null)).isNull();
    }

    @Test
    void policyValidatesItsBounds() {
        assertThatThrownBy(() -> new SessionTimerPolicy(1800, 60)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionTimerPolicy(100, 200)).isInstanceOf(IllegalArgumentException.class);
    }
}
