package org.voxgate.lab.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExplanationsTest {

    @Test
    void optionsAnswersSayWhatToCheck() {
        assertThat(Explanations.options(200)).isEmpty();
        assertThat(Explanations.options(0)).contains("firewall", "port or transport");
        assertThat(Explanations.options(403)).contains("access list");
        assertThat(Explanations.options(405)).contains("reachable");
        assertThat(Explanations.options(503)).contains("overloaded");
    }

    @Test
    void registrationFailuresNameTheFieldsToFix() {
        assertThat(Explanations.registration("REGISTERED", null, 200)).isEmpty();
        assertThat(Explanations.registration("FAILED", "credentials refused: 401 again after our answer", 401))
                .contains("registerUsername", "registerPassword", "(last answer 401)", "credentials refused");
        assertThat(Explanations.registration("RETRYING", "timeout", 0)).contains("back-off", ": timeout");
    }

    @Test
    void dialOutFailuresExplainTheCarriersAnswer() {
        assertThat(Explanations.dialOut("REJECTED", 404)).contains("does not know the number");
        assertThat(Explanations.dialOut("REJECTED", 488)).contains("codecs");
        assertThat(Explanations.dialOut("UNREACHABLE", 0)).contains("hosts, port and transport");
        assertThat(Explanations.dialOut("AUTH", 407)).contains("registerPassword");
        assertThat(Explanations.dialOut(null, 0)).isEmpty();
    }
}
