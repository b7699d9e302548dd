package org.voxgate.sip.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The Digest header parsers take anything a peer sends without throwing, and round-trip what we write. */
class DigestFuzzTest {

    @Provide
    Arbitrary<String> headerish() {
        Arbitrary<String> atoms = Arbitraries.of("Digest ", "realm=", "nonce=", "\"", "\\", ",", " ", "=", "qop=",
                "auth", "algorithm=", "SHA-256", "username=", "uri=", "response=", "nc=", "00000001", "cnonce=", "x");
        return Arbitraries.oneOf(atoms.list().ofMaxSize(30).map(l -> String.join("", l)),
                Arbitraries.strings().ofMaxLength(300));
    }

    @Property(tries = 3000)
    void neverThrows(@ForAll("headerish") String value) {
        DigestChallenge.parse(value);
        DigestCredentials.parse(value);
    }

    @Property(tries = 500)
    void writtenCredentialsParseBack(@ForAll("printable") String user, @ForAll("printable") String realm,
                                     @ForAll("printable") String nonce, @ForAll("printable") String password) {
        DigestChallenge c = DigestChallenge.issue(realm, nonce, DigestAlgorithm.MD5, false);
        assertThat(DigestChallenge.parse(c.toHeaderValue())).contains(c);
        DigestCredentials a = DigestCredentials.answer(c, user, password, "INVITE", "sip:a@b", 1, "cn0nce12");
        assertThat(DigestCredentials.parse(a.toHeaderValue())).contains(a);
    }

    @Provide
    Arbitrary<String> printable() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(40);
    }
}
