package org.voxgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void generatedKeysParseAndMatchOnlyTheirHash() {
        ApiKeys.Issued a = ApiKeys.generate();
        ApiKeys.Issued b = ApiKeys.generate();
        assertThat(a.plaintext()).matches("vgk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}").isNotEqualTo(b.plaintext());
        ApiKeys.Parsed p = ApiKeys.parse(a.plaintext());
        assertThat(p.lookupId()).isEqualTo(a.lookupId());
        assertThat(ApiKeys.matches(p.secret(), a.secretHash())).isTrue();
        assertThat(ApiKeys.matches(p.secret(), b.secretHash())).isFalse();
        assertThat(a.secretHash()).hasSize(64).doesNotContain(p.secret());
        assertThat(a.toString()).doesNotContain(p.secret());
    }

    @Test
    void malformedKeysDoNotParse() {
        assertThat(ApiKeys.parse(null)).isNull();
        assertThat(ApiKeys.parse("")).isNull();
        assertThat(ApiKeys.parse("vgk_0123456789abcdef_short")).isNull();
        assertThat(ApiKeys.parse("Bearer vgk_0123456789abcdef_" + "A".repeat(43))).isNull();
        assertThat(ApiKeys.parse("vgk_0123456789abcdef_" + "A".repeat(43))).isNotNull();
    }
}
