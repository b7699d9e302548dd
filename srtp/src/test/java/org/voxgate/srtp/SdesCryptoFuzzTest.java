package org.voxgate.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** SDES parser under random input: it either parses or throws SdesException with an offset inside the text. */
class SdesCryptoFuzzTest {
    private static final String GOOD =
            "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4 UNENCRYPTED_SRTCP";

    @Property(tries = 3000)
    void mutatedLinesNeverThrowAnythingElse(@ForAll @IntRange(min = 0, max = 200) int at,
                                            @ForAll char c, @ForAll @IntRange(min = 0, max = 2) int op) {
        StringBuilder sb = new StringBuilder(GOOD);
        int i = at % sb.length();
        switch (op) {
            case 0 -> sb.setCharAt(i, c);
            case 1 -> sb.insert(i, c);
            default -> sb.deleteCharAt(i);
        }
        check(sb.toString());
    }

    @Property(tries = 2000)
    void arbitraryTextNeverThrowsAnythingElse(@ForAll String text) {
        check(text);
    }

    private static void check(String text) {
        try {
            SdesCrypto c = SdesCrypto.parse(text);
            // whatever parsed must format and parse back the same
            assertThat(SdesCrypto.parse(c.format()).format()).isEqualTo(c.format());
        } catch (SdesException e) {
            assertThat(e.offset()).isBetween(0, text.length());
            assertThat(e.reason()).isNotNull();
        }
    }

    @Property(tries = 500)
    void producedLinesRoundTrip(@ForAll("attributes") SdesCrypto c) throws Exception {
        SdesCrypto back = SdesCrypto.parse(c.toAttributeLine());
        assertThat(back.format()).isEqualTo(c.format());
        assertThat(back.keys().get(0).keyAndSalt()).isEqualTo(c.keys().get(0).keyAndSalt());
        assertThat(back.policy()).isEqualTo(c.policy());
    }

    @Provide
    Arbitrary<SdesCrypto> attributes() {
        Arbitrary<SrtpProfile> profiles = Arbitraries.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
                SrtpProfile.AES_CM_128_HMAC_SHA1_32, SrtpProfile.AES_256_CM_HMAC_SHA1_80,
                SrtpProfile.AES_256_CM_HMAC_SHA1_32, SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AEAD_AES_256_GCM);
        return Combinators.combine(profiles, Arbitraries.integers().between(0, 999_999_999),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 4),
                Arbitraries.longs().between(-1, 1L << 40), Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 2000)).as((profile, tag, nKeys, mkiLen, life, flags, wsh) -> {
                    java.util.Random r = new java.util.Random(tag);
                    List<SdesCrypto.Key> keys = new ArrayList<>();
                    int mki = nKeys > 1 ? Math.max(1, mkiLen) : mkiLen;
                    for (int i = 0; i < nKeys; i++) {
                        byte[] ks = new byte[profile.masterKeyLength() + profile.masterSaltLength()];
                        r.nextBytes(ks);
                        String lifetime = life < 0 ? null : life % 2 == 0 ? "2^" + (life % 49) : Long.toString(life + 1);
                        keys.add(new SdesCrypto.Key(ks, lifetime, mki == 0 ? null : BigInteger.valueOf(i + 1), mki));
                    }
                    boolean aead = profile.isAead();
                    return new SdesCrypto(tag, profile, keys, !aead && (flags & 1) != 0, (flags & 2) != 0,
                            !aead && (flags & 4) != 0, wsh < 64 ? 0 : wsh);
                });
    }
}
