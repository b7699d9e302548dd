package org.voxgate.sip.internal.dialout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.voxgate.sip.DialOutRefusedException;
import org.voxgate.sip.DialOutRefusedException.Reason;
import org.voxgate.sip.DialOutRequest;
import org.voxgate.sip.DialOutStatus;
import org.voxgate.sip.DialOutFailure;
import org.voxgate.sip.Meeting;
import org.voxgate.sip.Trunk;

class DialOutChecksTest {
    private static final Meeting M = new Meeting("m1", "1234", null, null, 10);

    static Trunk trunk(String id, String account, Trunk.Direction dir, boolean enabled, List<String> prefixes) {
        return new Trunk(id, account, id, dir, List.of("127.0.0.1"), 5060, Trunk.Transport.UDP, List.of(), null, null,
                List.of("PCMU"), 10, 10, Trunk.SrtpPolicy.OFF, Trunk.CallerIdPolicy.PASSTHROUGH, prefixes, enabled);
    }

    private static final List<Trunk> TRUNKS = List.of(
            trunk("uk", "a1", Trunk.Direction.BOTH, true, List.of("+44")),
            trunk("off", "a1", Trunk.Direction.OUTBOUND, false, List.of("+44")),
            trunk("in", "a1", Trunk.Direction.INBOUND, true, List.of()),
            trunk("none", "a1", Trunk.Direction.OUTBOUND, true, List.of()),
            trunk("us", "a2", Trunk.Direction.OUTBOUND, true, List.of("+1")));

    private static Reason refusal(String trunk, String number) {
        try {
            DialOutChecks.check(new DialOutRequest(M, number, trunk), TRUNKS);
            return null;
        } catch (DialOutRefusedException e) {
            return e.reason();
        }
    }

    @Test
    void refusesWithAPreciseReason() throws Exception {
        assertThat(refusal("nope", "+441632960000")).isEqualTo(Reason.UNKNOWN_TRUNK);
        assertThat(refusal("off", "+441632960000")).isEqualTo(Reason.TRUNK_DISABLED);
        assertThat(refusal("in", "+441632960000")).isEqualTo(Reason.TRUNK_INBOUND_ONLY);
        assertThat(refusal("uk", "441632960000")).isEqualTo(Reason.INVALID_NUMBER);
        assertThat(refusal("uk", "+0441632960000")).isEqualTo(Reason.INVALID_NUMBER);
        assertThat(refusal("uk", "+4416329600001234")).isEqualTo(Reason.INVALID_NUMBER);
        assertThat(refusal("uk", "+12125550100")).isEqualTo(Reason.DESTINATION_NOT_ALLOWED);
        assertThat(refusal("none", "+441632960000")).as("no prefixes: no open relay")
                .isEqualTo(Reason.DESTINATION_NOT_ALLOWED);
        assertThat(refusal("uk", "+441632960000")).isNull();
        assertThat(DialOutChecks.check(new DialOutRequest(M, "+441632960000", "uk"), TRUNKS).id()).isEqualTo("uk");
    }

    @Test
    void keypadPicksTheFirstTrunkOfTheAccountThatAllowsTheNumber() {
        assertThat(DialOutChecks.firstFor("a1", "+441632960000", TRUNKS)).map(Trunk::id).contains("uk");
        assertThat(DialOutChecks.firstFor("a1", "+12125550100", TRUNKS)).isEmpty();
        assertThat(DialOutChecks.firstFor("a2", "+12125550100", TRUNKS)).map(Trunk::id).contains("us");
        assertThat(DialOutChecks.firstFor("a2", "+441632960000", TRUNKS)).as("another account's trunk").isEmpty();
    }

    @Test
    void stateMovesForwardOnly() {
        DialOutState s = new DialOutState();
        assertThat(s.status()).isEqualTo(DialOutStatus.DIALING);
        assertThat(s.advance(DialOutStatus.EARLY_MEDIA)).isTrue();
        assertThat(s.advance(DialOutStatus.RINGING)).as("a late 180").isFalse();
        assertThat(s.status()).isEqualTo(DialOutStatus.EARLY_MEDIA);
        s.advance(DialOutStatus.ANSWERED_AWAITING_CONFIRM);
        s.finish(DialOutFailure.NOT_CONFIRMED);
        assertThat(s.status()).isEqualTo(DialOutStatus.FAILED);
        assertThat(s.failure()).isEqualTo(DialOutFailure.NOT_CONFIRMED);
        assertThat(s.advance(DialOutStatus.JOINED)).as("final").isFalse();

        DialOutState joined = new DialOutState();
        joined.advance(DialOutStatus.JOINED);
        joined.finish(DialOutFailure.ERROR);
        assertThat(joined.status()).isEqualTo(DialOutStatus.ENDED);
        assertThat(joined.failure()).isNull();
        assertThatThrownBy(() -> new DialOutState().advance(DialOutStatus.FAILED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anonymousCallerIdKeepsTheNumberForTheTrunkOnly() {
        CallerIdentity anon = CallerIdentity.of(Trunk.CallerIdPolicy.ANONYMOUS, "+442071234567", "gw.example");
        assertThat(anon.fromUser()).isEqualTo("anonymous");
        assertThat(anon.fromHost()).isEqualTo("anonymous.invalid");
        assertThat(anon.fromDisplayName()).isEqualTo("Anonymous");
        assertThat(anon.assertedNumber()).isEqualTo("+442071234567");
        assertThat(anon.privacyId()).isTrue();
        CallerIdentity shown = CallerIdentity.of(Trunk.CallerIdPolicy.PASSTHROUGH, "+442071234567", "gw.example");
        assertThat(shown.fromUser()).isEqualTo("+442071234567");
        assertThat(shown.fromHost()).isEqualTo("gw.example");
        assertThat(shown.assertedNumber()).isNull();
        assertThat(shown.privacyId()).isFalse();
    }
}
