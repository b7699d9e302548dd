package org.voxgate.sip.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Published Digest examples: RFC 2617 section 3.5 and RFC 7616 section 3.9.1 (MD5 and SHA-256). */
class DigestVectorsTest {

    private static final String RFC7616_CHALLENGE_NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String RFC7616_CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    @Test
    void rfc2617Md5WithQopAuth() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"").orElseThrow();
        assertThat(c.algorithm()).isEqualTo(DigestAlgorithm.MD5);
        DigestCredentials a = DigestCredentials.answer(c, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", 1,
                "0a4f113b");
        assertThat(a.response()).isEqualTo("6629fae49393a05397450978507c4ef1");
        assertThat(a.nc()).isEqualTo("00000001");
        assertThat(a.opaque()).isEqualTo("5ccc069c403ebaf9f0171e9517f40e41");
    }

    @Test
    void rfc7616Md5AndSha256() {
        String params = "realm=\"http-auth@example.org\", qop=\"auth, auth-int\", nonce=\"" + RFC7616_CHALLENGE_NONCE
                + "\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
        DigestChallenge md5 = DigestChallenge.parse("Digest " + params + ", algorithm=MD5").orElseThrow();
        DigestChallenge sha = DigestChallenge.parse("Digest " + params + ", algorithm=SHA-256").orElseThrow();
        assertThat(DigestCredentials.answer(md5, "Mufasa", "Circle of Life", "GET", "/dir/index.html", 1,
                RFC7616_CNONCE).response()).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
        assertThat(DigestCredentials.answer(sha, "Mufasa", "Circle of Life", "GET", "/dir/index.html", 1,
                RFC7616_CNONCE).response()).isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void answerRoundTripsThroughTheHeaderAndVerifies() {
        DigestChallenge c = DigestChallenge.issue("voxgate", "n0nce/+=", DigestAlgorithm.SHA_256, false);
        DigestChallenge parsed = DigestChallenge.parse(c.toHeaderValue()).orElseThrow();
        assertThat(parsed).isEqualTo(c);
        DigestCredentials a = DigestCredentials.answer(parsed, "trunk\"1", "s3cret pw", "INVITE", "sip:100@example.com",
                7, "abcdef0123");
        DigestCredentials back = DigestCredentials.parse(a.toHeaderValue()).orElseThrow();
        assertThat(back).isEqualTo(a);
        assertThat(back.verify("s3cret pw", "INVITE")).isTrue();
        assertThat(back.verify("s3cret pX", "INVITE")).isFalse();
        assertThat(back.verify("s3cret pw", "BYE")).isFalse();
        assertThat(back.toString()).doesNotContain(a.response());
    }

    @Test
    void rfc2069StyleAnswerWithoutQop() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\"").orElseThrow();
        assertThat(c.qopOffered()).isFalse();
        DigestCredentials a = DigestCredentials.answer(c, "u", "p", "REGISTER", "sip:r", 1, "x");
        assertThat(a.qop()).isNull();
        DigestAlgorithm md5 = DigestAlgorithm.MD5;
        assertThat(a.response()).isEqualTo(md5.hex(md5.hex("u:r:p") + ":n:" + md5.hex("REGISTER:sip:r")));
        assertThat(DigestCredentials.parse(a.toHeaderValue()).orElseThrow().verify("p", "REGISTER")).isTrue();
    }

    @Test
    void refusesWhatItCannotAnswer() {
        assertThat(DigestChallenge.parse("Basic realm=\"r\"")).isEmpty();
        assertThat(DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", algorithm=MD5-sess")).isEmpty();
        assertThat(DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"")).isEmpty();
        assertThat(DigestChallenge.parse("Digest realm=\"r\"")).isEmpty();
        assertThat(DigestChallenge.parse("Digest realm=\"r, nonce=\"n\"")).isEmpty();
        assertThat(DigestChallenge.parse("Digest realm=\"r\", realm=\"s\", nonce=\"n\"")).isEmpty();
        assertThat(DigestChallenge.parse("Digest realm=\"r\" nonce=\"n\"")).isEmpty();
        assertThat(DigestCredentials.parse("Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"sip:x\", "
                + "response=\"00\", qop=auth, nc=1, cnonce=\"c\"")).isEmpty();
        assertThat(DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", algorithm=sha-512-256").orElseThrow()
                .algorithm()).isEqualTo(DigestAlgorithm.SHA_512_256);
    }
}
