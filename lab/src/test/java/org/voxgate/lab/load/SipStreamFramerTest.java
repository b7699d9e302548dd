package org.voxgate.lab.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SipStreamFramerTest {
    private static final String OK = "SIP/2.0 200 OK\r\nCall-ID: a\r\nContent-Length: 4\r\n\r\nv=0\n";
    private static final String BYE = "BYE sip:x SIP/2.0\r\nCall-ID: b\r\nl: 0\r\n\r\n";

    private final SipStreamFramer framer = new SipStreamFramer();
    private final List<String> out = new ArrayList<>();

    private boolean feed(byte[] b, int off, int n) {
        return framer.feed(b, off, n, (a, o, l) -> out.add(new String(a, o, l, StandardCharsets.UTF_8)));
    }

    @Test
    void cutsBackToBackMessagesByContentLengthAndSkipsKeepAlives() {
        byte[] b = ("\r\n\r\n" + OK + "\r\n" + BYE).getBytes(StandardCharsets.UTF_8);
        assertThat(feed(b, 0, b.length)).isTrue();
        assertThat(out).containsExactly(OK, BYE);
    }

    @Test
    void waitsForABodyThatArrivesByteByByte() {
        byte[] b = (OK + OK).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            assertThat(feed(b, i, 1)).isTrue();
            if (i == OK.length() - 2) {
                assertThat(out).isEmpty(); // one body byte still missing
            }
        }
        assertThat(out).containsExactly(OK, OK);
    }

    @Test
    void refusesAStreamWithoutOrWithABadContentLength() {
        byte[] none = "SIP/2.0 200 OK\r\nCall-ID: a\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(feed(none, 0, none.length)).isFalse();
        SipStreamFramer other = new SipStreamFramer();
        byte[] bad = "SIP/2.0 200 OK\r\nContent-Length: -3\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(other.feed(bad, 0, bad.length, (a, o, l) -> out.add("x"))).isFalse();
        assertThat(out).isEmpty();
    }

    @Test
    void refusesHeadersThatNeverEnd() {
        byte[] junk = new byte[SipStreamFramer.MAX_MESSAGE_BYTES + 1];
        java.util.Arrays.fill(junk, (byte) 'a');
        assertThat(feed(junk, 0, junk.length)).isFalse();
    }
}
