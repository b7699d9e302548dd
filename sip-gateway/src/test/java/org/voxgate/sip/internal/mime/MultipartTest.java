package org.voxgate.sip.internal.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import org.junit.jupiter.api.Test;

class MultipartTest {
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 8\r\n";
    /** A SIP-I INVITE body: SDP plus an ISUP IAM (binary, with CR LF and dashes inside). */
    private static final String SIP_I = "--unique-boundary-1\r\n"
            + "Content-Type: application/sdp\r\n\r\n" + SDP
            + "\r\n--unique-boundary-1\r\n"
            + "Content-Type: application/ISUP;version=itu-t92+\r\nContent-Disposition: signal;handling=optional\r\n\r\n"
            + "\u0001\u0000\u0049\u0000\r\n--x\u00ff\u0080"
            + "\r\n--unique-boundary-1--\r\n";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void findsTheSdpOfASipIBody() {
        byte[] sdp = Multipart.findPart("unique-boundary-1", bytes(SIP_I), "application/sdp");
        assertThat(new String(sdp, StandardCharsets.ISO_8859_1)).isEqualTo(SDP);
    }

    @Test
    void findsASecondPartAndKeepsBinaryBytes() {
        byte[] isup = Multipart.findPart("unique-boundary-1", bytes(SIP_I), "APPLICATION/isup");
        assertThat(isup).containsExactly(bytes("\u0001\u0000\u0049\u0000\r\n--x\u00ff\u0080"));
    }

    @Test
    void preambleAndNoHeadersMeanTextPlain() {
        String body = "preamble\r\n--b\r\n\r\nhello\r\n--b\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n\r\n--b--";
        assertThat(Multipart.findPart("b", bytes(body), "text/plain")).isEqualTo(bytes("hello"));
        assertThat(Multipart.findPart("b", bytes(body), "application/sdp")).isEqualTo(bytes("v=0\r\n"));
    }

    @Test
    void missingPartsAndBrokenBodiesGiveNull() {
        assertThat(Multipart.findPart("unique-boundary-1", bytes(SIP_I), "text/html")).isNull();
        assertThat(Multipart.findPart("other", bytes(SIP_I), "application/sdp")).isNull();
        assertThat(Multipart.findPart("unique-boundary-1", bytes(SIP_I.substring(0, 60)), "application/sdp")).isNull();
        assertThat(Multipart.findPart("", bytes(SIP_I), "application/sdp")).isNull();
        assertThat(Multipart.findPart(null, bytes(SIP_I), "application/sdp")).isNull();
        assertThat(Multipart.findPart("b", bytes("--b"), "application/sdp")).isNull();
        assertThat(Multipart.findPart("b", bytes("--b--\r\n"), "application/sdp")).isNull();
    }

    @Property(tries = 500)
    void neverThrowsOnCutOrMangledBodies(@ForAll int cut, @ForAll byte noise, @ForAll int where) {
        byte[] full = bytes(SIP_I);
        byte[] body = java.util.Arrays.copyOf(full, Math.floorMod(cut, full.length + 1));
        if (body.length > 0) {
            body[Math.floorMod(where, body.length)] = noise;
        }
        Multipart.findPart("unique-boundary-1", body, "application/sdp"); // no exception, no hang
    }
}
