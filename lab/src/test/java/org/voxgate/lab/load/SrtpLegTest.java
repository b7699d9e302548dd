package org.voxgate.lab.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.voxgate.srtp.SdesCrypto;
import org.voxgate.srtp.SrtpContext;
import org.voxgate.srtp.SrtpKeys;
import org.voxgate.srtp.SrtpPacket;
import org.voxgate.srtp.SrtpStatus;

class SrtpLegTest {
    @Test
    void countsPacketsBeforeTheAnswersKeyApartAndWipesOnClose() {
        SdesCrypto node = SdesCrypto.generate(1, SrtpLeg.PROFILE, new SecureRandom());
        SrtpLeg leg = new SrtpLeg();
        try (SrtpKeys keys = node.srtpKeys(); SrtpContext tx = SrtpContext.forSending(node.policy(), keys)) {
            byte[] first = packet(tx, 7);
            byte[] copy = first.clone();
            // the node's media overtook its 200 OK: no key yet
            assertThat(leg.unprotect(first, 0, first.length)).isEqualTo(-1);
            assertThat(leg.answer("m=audio 4000 RTP/SAVP 0\r\n" + node.toAttributeLine() + "\r\n")).isNull();
            assertThat(leg.unprotect(copy, 0, copy.length)).isEqualTo(12 + 160);
            byte[] again = packet(tx, 8);
            byte[] replay = again.clone();
            assertThat(leg.unprotect(again, 0, again.length)).isEqualTo(12 + 160);
            assertThat(leg.unprotect(replay, 0, replay.length)).isEqualTo(-1); // replayed: refused, not "before the key"
        }
        assertThat(leg.counts()).isEqualTo(new SrtpLeg.Counts(0, 2, 0, 1));
        assertThat(leg.closed()).isFalse();
        leg.close();
        assertThat(leg.closed()).isTrue();
        node.close();
    }

    private static byte[] packet(SrtpContext tx, int seq) {
        byte[] p = new byte[12 + 160 + tx.maxOverhead()];
        ByteBuffer.wrap(p).put((byte) 0x80).put((byte) 0).putShort((short) seq).putInt(160 * seq).putInt(0xCAFE);
        SrtpPacket pkt = new SrtpPacket().set(p, 0, 12 + 160);
        assertThat(tx.protect(pkt)).isEqualTo(SrtpStatus.OK);
        return java.util.Arrays.copyOf(p, pkt.length());
    }
}
