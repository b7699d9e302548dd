package org.voxgate.srtp;

import java.util.Random;

/** Builds RTP and RTCP test packets in buffers with room for the SRTP trailer. */
final class TestPackets {
    static final int ROOM = 64;

    private TestPackets() {}

    static byte[] rtp(int ssrc, int seq, int payloadLen, Random random) {
        byte[] b = new byte[12 + payloadLen + ROOM];
        b[0] = (byte) 0x80;
        b[1] = 0;
        b[2] = (byte) (seq >>> 8);
        b[3] = (byte) seq;
        int ts = seq * 160;
        b[4] = (byte) (ts >>> 24);
        b[5] = (byte) (ts >>> 16);
        b[6] = (byte) (ts >>> 8);
        b[7] = (byte) ts;
        b[8] = (byte) (ssrc >>> 24);
        b[9] = (byte) (ssrc >>> 16);
        b[10] = (byte) (ssrc >>> 8);
        b[11] = (byte) ssrc;
        for (int i = 0; i < payloadLen; i++) {
            b[12 + i] = (byte) random.nextInt();
        }
        return b;
    }

    /** A receiver report with {@code bodyLen} extra bytes after the 8-byte header. */
    static byte[] rtcp(int ssrc, int bodyLen, Random random) {
        byte[] b = new byte[8 + bodyLen + ROOM];
        b[0] = (byte) 0x80;
        b[1] = (byte) 201;
        int words = (8 + bodyLen) / 4 - 1;
        b[2] = (byte) (words >>> 8);
        b[3] = (byte) words;
        b[4] = (byte) (ssrc >>> 24);
        b[5] = (byte) (ssrc >>> 16);
        b[6] = (byte) (ssrc >>> 8);
        b[7] = (byte) ssrc;
        for (int i = 0; i < bodyLen; i++) {
            b[8 + i] = (byte) random.nextInt();
        }
        return b;
    }

    static SrtpKeys randomKeys(SrtpProfile profile, Random random, byte[] mki) {
        byte[] k = new byte[profile.masterKeyLength()];
        byte[] s = new byte[profile.masterSaltLength()];
        random.nextBytes(k);
        random.nextBytes(s);
        return new SrtpKeys(k, s, mki);
    }
}
