package org.voxgate.sip.internal.dialout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.voxgate.sip.DialOutFailure;

class InviteOutcomeTest {

    @Test
    void provisionalResponses() {
        assertThat(InviteOutcome.of(100, false)).isEqualTo(InviteOutcome.TRYING);
        assertThat(InviteOutcome.of(180, false)).isEqualTo(InviteOutcome.RINGING);
        assertThat(InviteOutcome.of(183, false)).isEqualTo(InviteOutcome.RINGING);
        assertThat(InviteOutcome.of(183, true)).isEqualTo(InviteOutcome.EARLY_MEDIA);
        assertThat(InviteOutcome.of(180, true)).isEqualTo(InviteOutcome.EARLY_MEDIA);
    }

    @Test
    void failoverOnlyOn5xx() {
        for (int s : new int[] {500, 502, 503, 504, 580}) {
            assertThat(InviteOutcome.of(s, false)).as("%d", s).isEqualTo(InviteOutcome.NEXT_HOST);
        }
        for (int s : new int[] {403, 404, 408, 480, 484, 486, 487, 488, 600, 603, 604, 302}) {
            assertThat(InviteOutcome.of(s, false)).as("%d", s).isEqualTo(InviteOutcome.FAILED);
        }
        assertThat(InviteOutcome.of(200, true)).isEqualTo(InviteOutcome.ANSWERED);
        assertThat(InviteOutcome.of(401, false)).isEqualTo(InviteOutcome.CHALLENGE);
        assertThat(InviteOutcome.of(407, false)).isEqualTo(InviteOutcome.CHALLENGE);
    }

    @Test
    void failureCauses() {
        assertThat(InviteOutcome.failure(486)).isEqualTo(DialOutFailure.BUSY);
        assertThat(InviteOutcome.failure(600)).isEqualTo(DialOutFailure.BUSY);
        assertThat(InviteOutcome.failure(603)).isEqualTo(DialOutFailure.DECLINED);
        assertThat(InviteOutcome.failure(404)).isEqualTo(DialOutFailure.REJECTED);
        assertThat(InviteOutcome.failure(407)).isEqualTo(DialOutFailure.AUTH);
        assertThat(InviteOutcome.failure(503)).isEqualTo(DialOutFailure.UNREACHABLE);
    }

    @Test
    void outOfRange() {
        assertThatThrownBy(() -> InviteOutcome.of(99, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InviteOutcome.of(700, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
