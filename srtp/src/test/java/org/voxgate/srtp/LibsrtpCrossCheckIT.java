package org.voxgate.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.voxgate.testing.Peers;

/**
 * Cross-check against libsrtp (Debian's libsrtp2 through python3-pylibsrtp). For each suite:
 * random RTP packets (random payload sizes, CSRCs, header extensions, two SSRCs, sequence numbers
 * starting just before 65535) and SRTCP packets are protected by Voxgate and by libsrtp with the
 * same key; the outputs must be identical bit for bit. Each side's output is then delivered to
 * the other side's receiver reordered (blocks of 40 shuffled, across the wrap) and must come back
 * to the exact plaintext. Seeds are logged in assertion messages.
 */
class LibsrtpCrossCheckIT {
    private static LibsrtpPeer peer;

    @BeforeAll
    static void start() throws Exception {
        Peers.requirePythonModule("pylibsrtp");
        peer = new LibsrtpPeer();
    }

    @AfterAll
    static void stop() throws Exception {
        if (peer != null) {
            peer.close();
        }
    }

    private record Wire(int n, boolean rtcp, byte[] plain, byte[] ours, byte[] theirs) {}

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void bothWaysBitForBit(SrtpProfile profile) {
        run(profile, SrtpPolicy.of(profile), 3, 3, 1500, 1000 + profile.ordinal());
    }

    /** The pom runs this class in both HMAC-SHA1 / GHASH modes and says which one it expects. */
    @Test
    void runsInTheHmacModeThePomAsksFor() {
        String expected = System.getProperty("voxgate.test.expectHmacFastPath");
        Assumptions.assumeTrue(expected != null, "run outside the srtp pom");
        assertThat(SrtpContext.hmacFastPath())
                .isEqualTo(Boolean.parseBoolean(expected));
        assertThat(SrtpContext.gcmFastPath())
                .isEqualTo(Boolean.parseBoolean(System.getProperty("voxgate.test.expectGhashFastPath")));
    }

    @Test
    void sessionParameters() {
        SrtpProfile cm = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        // UNENCRYPTED_SRTCP (E = 0), for counter mode and GCM
        run(cm, SrtpPolicy.of(cm).withSessionParams(true, false, true), 3, 2, 300, 1);
        SrtpProfile gcm = SrtpProfile.AEAD_AES_128_GCM;
        run(gcm, SrtpPolicy.of(gcm).withSessionParams(true, false, true), 3, 2, 300, 2);
        // UNENCRYPTED_SRTP and UNAUTHENTICATED_SRTP
        run(cm, SrtpPolicy.of(cm).withSessionParams(false, true, true), 2, 3, 300, 3);
        // libsrtp 2.5 cannot unprotect its own UNAUTHENTICATED_SRTP output (sec_serv_conf): it
        // still looks for a tag. So only libsrtp -> Voxgate and bit-for-bit protect are checked.
        run(cm, SrtpPolicy.of(cm).withSessionParams(true, true, false), 1, 3, 300, 4, false);
    }

    private void run(SrtpProfile profile, SrtpPolicy policy, int rtpSec, int rtcpSec, int packets, long seed) {
        run(profile, policy, rtpSec, rtcpSec, packets, seed, true);
    }

    private void run(SrtpProfile profile, SrtpPolicy policy, int rtpSec, int rtcpSec, int packets, long seed,
                     boolean libsrtpReceives) {
        crossCheck(peer, profile, policy, rtpSec, rtcpSec, packets, seed, libsrtpReceives, null);
    }

    /** The whole check against any libsrtp peer, optionally with an MKI. */
    static void crossCheck(LibsrtpPeer peer, SrtpProfile profile, SrtpPolicy policy, int rtpSec, int rtcpSec,
                           int packets, long seed, boolean libsrtpReceives, byte[] mki) {
        Random r = new Random(seed);
        byte[] keyAndSalt = new byte[profile.masterKeyLength() + profile.masterSaltLength()];
        r.nextBytes(keyAndSalt);
        SrtpContext tx;
        SrtpContext rx;
        try (SrtpKeys keys = SrtpKeys.fromConcatenated(profile, keyAndSalt, mki)) {
            tx = SrtpContext.forSending(policy, keys);
            rx = SrtpContext.forReceiving(policy, keys);
        }
        String theirTx = peer.newSession(profile, true, keyAndSalt, 128, rtpSec, rtcpSec, mki);
        String theirRx = peer.newSession(profile, false, keyAndSalt, 128, rtpSec, rtcpSec, mki);
        int[] ssrcs = {r.nextInt(), r.nextInt()};
        int[] seqs = {65535 - r.nextInt(60), 65535 - r.nextInt(60)};
        List<Wire> wire = new ArrayList<>();
        String where = profile + " seed " + seed + (mki == null ? "" : " mki " + mki.length);
        for (int n = 0; n < packets; n++) {
            int which = r.nextInt(2);
            boolean rtcp = r.nextInt(6) == 0;
            byte[] plain = rtcp ? randomRtcp(ssrcs[which], r) : randomRtp(ssrcs[which], seqs[which]++ & 0xFFFF, r);
            int len = plain.length;
            byte[] buf = Arrays.copyOf(plain, len + 64);
            SrtpPacket p = new SrtpPacket(buf, 0, len);
            assertThat(rtcp ? tx.protectRtcp(p) : tx.protect(p)).as(where).isEqualTo(SrtpStatus.OK);
            byte[] ours = Arrays.copyOf(buf, p.length());
            byte[] theirs = peer.apply(rtcp ? "PC" : "P", theirTx, plain, 0, len);
            assertThat(theirs).as("libsrtp protect %s: %s", where, peer.lastError).isNotNull();
            assertThat(ours).as("bit for bit, packet %d (%s) %s", n, rtcp ? "SRTCP" : "SRTP", where).isEqualTo(theirs);
            wire.add(new Wire(n, rtcp, plain, ours, theirs));
        }
        // libsrtp unprotects ours, we unprotect theirs, each in its own reordering.
        // libsrtp 2.5 looks for an SRTCP MKI using the SRTP tag length, so with an MKI and a _32
        // profile (4-byte SRTP tag, 10-byte SRTCP tag) it refuses even its own SRTCP (bad_mki).
        boolean libsrtpReceivesRtcp = mki == null || profile.rtpTagLength() == profile.rtcpTagLength();
        for (Wire w : libsrtpReceives ? reorder(wire, r) : List.<Wire>of()) {
            if (w.rtcp && !libsrtpReceivesRtcp) {
                continue;
            }
            byte[] got = peer.apply(w.rtcp ? "UC" : "U", theirRx, w.ours, 0, w.ours.length);
            assertThat(got).as("libsrtp unprotect %s packet %d %s: %s", where, w.n, java.util.HexFormat.of().formatHex(w.ours), peer.lastError).isEqualTo(w.plain);
        }
        for (Wire w : reorder(wire, r)) {
            byte[] b = Arrays.copyOf(w.theirs, w.theirs.length);
            SrtpPacket p = new SrtpPacket(b, 0, b.length);
            assertThat(w.rtcp ? rx.unprotectRtcp(p) : rx.unprotect(p)).as(where).isEqualTo(SrtpStatus.OK);
            assertThat(Arrays.copyOf(b, p.length())).as(where).isEqualTo(w.plain);
        }
    }

    /**
     * Shuffles blocks of 40, except that everything up to the first RTP packet of the second
     * SSRC stays first: a receiver learns a stream's ROC from its first packet (RFC 3711 section
     * 3.3.1), so a stream must not begin with a packet from after the wrap.
     */
    private static List<Wire> reorder(List<Wire> wire, Random r) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        int keep = 0;
        while (keep < wire.size() && seen.size() < 2) {
            Wire w = wire.get(keep++);
            if (!w.rtcp) {
                seen.add(org.voxgate.srtp.internal.transform.RtpHeader.rtpSsrc(w.plain, 0));
            }
        }
        List<Wire> order = new ArrayList<>(wire.subList(0, keep));
        for (int i = keep; i < wire.size(); i += 40) {
            List<Wire> block = new ArrayList<>(wire.subList(i, Math.min(wire.size(), i + 40)));
            Collections.shuffle(block, r);
            order.addAll(block);
        }
        return order;
    }

    private static byte[] randomRtp(int ssrc, int seq, Random r) {
        int cc = r.nextInt(4) == 0 ? r.nextInt(4) : 0;
        int extWords = r.nextInt(5) == 0 ? r.nextInt(4) : -1;
        int payload = r.nextInt(8) == 0 ? r.nextInt(16) : r.nextInt(1000);
        int hdr = 12 + 4 * cc + (extWords >= 0 ? 4 + 4 * extWords : 0);
        byte[] b = new byte[hdr + payload];
        r.nextBytes(b);
        b[0] = (byte) (0x80 | (extWords >= 0 ? 0x10 : 0) | cc);
        b[1] &= 0x7F;
        b[2] = (byte) (seq >>> 8);
        b[3] = (byte) seq;
        b[8] = (byte) (ssrc >>> 24);
        b[9] = (byte) (ssrc >>> 16);
        b[10] = (byte) (ssrc >>> 8);
        b[11] = (byte) ssrc;
        if (extWords >= 0) {
            int x = 12 + 4 * cc;
            b[x + 2] = 0;
            b[x + 3] = (byte) extWords;
        }
        return b;
    }

    private static byte[] randomRtcp(int ssrc, Random r) {
        int words = 1 + r.nextInt(60);
        byte[] b = new byte[4 + 4 * words];
        r.nextBytes(b);
        b[0] = (byte) 0x81;
        b[1] = (byte) 201;
        b[2] = (byte) ((words) >>> 8);
        b[3] = (byte) words;
        b[4] = (byte) (ssrc >>> 24);
        b[5] = (byte) (ssrc >>> 16);
        b[6] = (byte) (ssrc >>> 8);
        b[7] = (byte) ssrc;
        return b;
    }
}
