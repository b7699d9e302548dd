package org.voxgate.sip.internal.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.voxgate.sip.Trunk;

class CallerIdentityTest {
    private static final Trunk PASS = Trunks.byCidr("t", "a", "192.0.2.0/24");
    private static final Trunk ASSERTED = Trunks.callerId(PASS, Trunk.CallerIdPolicy.ASSERTED_ONLY);

    @Test
    void trunksTakePaiWhenPresent() {
        assertThat(CallerIdentity.resolve(PASS, "sip:from@x", List.of("tel:+4930111"), List.of()).caller())
                .isEqualTo("tel:+4930111");
        assertThat(CallerIdentity.resolve(PASS, "sip:from@x", List.of(), List.of()).caller()).isEqualTo("sip:from@x");
        assertThat(CallerIdentity.resolve(ASSERTED, "sip:from@x", List.of("sip:+4930111@c"), List.of()).caller())
                .isEqualTo("sip:+4930111@c");
        assertThat(CallerIdentity.resolve(ASSERTED, "sip:from@x", List.of(), List.of()).caller())
                .isEqualTo(CallerIdentity.UNKNOWN);
    }

    @Test
    void localSourcesCannotAssert() {
        assertThat(CallerIdentity.resolve(null, "sip:from@x", List.of("tel:+1999"), List.of("id")).caller())
                .isEqualTo("sip:from@x");
    }

    @Test
    void privacyIdRecordsAnonymous() {
        CallerIdentity id = CallerIdentity.resolve(PASS, "sip:from@x", List.of("tel:+4930111"), List.of("id"));
        assertThat(id.anonymous()).isTrue();
        assertThat(id.caller()).isEqualTo("anonymous");
        assertThat(CallerIdentity.resolve(PASS, "sip:f@x", List.of(), List.of("critical; header")).anonymous()).isTrue();
        assertThat(CallerIdentity.resolve(PASS, "sip:f@x", List.of(), List.of("none")).anonymous()).isFalse();
    }
}
