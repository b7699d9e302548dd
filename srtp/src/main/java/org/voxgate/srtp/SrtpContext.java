package org.voxgate.srtp;

import java.util.Objects;

import org.voxgate.srtp.internal.index.ReplayWindow;
import org.voxgate.srtp.internal.index.SrtpIndex;
import org.voxgate.srtp.internal.transform.PacketCrypto;
import org.voxgate.srtp.internal.transform.PacketCryptoFactory;
import org.voxgate.srtp.internal.transform.RtpHeader;
import org.voxgate.srtp.internal.transform.Stream;
import org.voxgate.srtp.internal.transform.StreamTable;

/**
 * One direction of SRTP and SRTCP under one master key (RFC 3711), as pion/srtp splits them: a
 * sending context only protects, a receiving context only unprotects. Each SSRC gets its own
 * stream (ROC, replay window, SRTCP index, counters) inside the context.
 *
 * <p><b>Buffers.</b> The caller owns every buffer. Calls work in place on the slice an
 * {@link SrtpPacket} points at and update its length; protect needs {@link #maxOverhead()} bytes
 * of room after the packet. Nothing is kept after a call returns.
 *
 * <p><b>Threads.</b> A context is used by one thread at a time (a leg's event loop or its mixer
 * thread); it has no locks. Hand it over between threads only with a happens-before edge.
 *
 * <p><b>Errors.</b> Packet calls never throw for anything a packet contains and never allocate
 * (except once for each new SSRC): they return an {@link SrtpStatus}, counted per stream and per
 * context. A refused packet's bytes are left as they were.
 */
public final class SrtpContext implements AutoCloseable {
    private static final int MIN_RTP_LEN = RtpHeader.FIXED;

    private final SrtpPolicy policy;
    private final boolean sending;
    private final PacketCrypto crypto;
    private final byte[] mki;
    private final StreamTable streams;
    private final boolean anySsrc;
    private final long[] counts = new long[SrtpStatus.COUNT];
    private long rtpPacketsProtected;
    private long rtcpPacketsProtected;
    private long rtpPacketLimit = SrtpIndex.INDEX_LIMIT;
    private long rtcpPacketLimit = 1L << 31;
    private boolean closed;

    private SrtpContext(SrtpPolicy policy, SrtpKeys keys, boolean sending, int[] ssrcs) {
        this.policy = Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(keys, "keys").checkFor(policy.profile());
        SrtpProfile profile = policy.profile();
        if (profile.isAead() && !policy.encryptRtp()) {
            throw new IllegalArgumentException("AEAD profiles always encrypt SRTP");
        }
        this.sending = sending;
        this.crypto = PacketCryptoFactory.create(profile.cipher().name(), keys.masterKeyRef(),
                keys.masterSaltRef(), profile.rtpTagLength(), profile.rtcpTagLength(),
                policy.encryptRtp(), policy.encryptRtcp(), policy.authenticateRtp());
        this.mki = keys.mkiRef().clone();
        if (keys.lifetimePackets() > 0) {
            // RFC 4568 section 6.1: the signalled lifetime caps both SRTP and SRTCP packets.
            rtpPacketLimit = Math.min(rtpPacketLimit, keys.lifetimePackets());
            rtcpPacketLimit = Math.min(rtcpPacketLimit, keys.lifetimePackets());
        }
        this.streams = new StreamTable(Math.max(policy.maxStreams(), ssrcs.length));
        this.anySsrc = ssrcs.length == 0;
        for (int ssrc : ssrcs) {
            if (streams.get(ssrc) == null) {
                streams.add(newStream(ssrc));
            }
        }
    }

    /** A context that protects SRTP and SRTCP for any SSRC (up to the policy's maxStreams). */
    public static SrtpContext forSending(SrtpPolicy policy, SrtpKeys keys) {
        return new SrtpContext(policy, keys, true, new int[0]);
    }

    /**
     * A context that unprotects SRTP and SRTCP. With no {@code ssrcs} it accepts any SSRC and
     * creates its stream on the first packet that authenticates (up to maxStreams, then
     * {@link SrtpStatus#TOO_MANY_STREAMS}); with {@code ssrcs} it accepts only those and answers
     * {@link SrtpStatus#UNKNOWN_SSRC} for others.
     */
    public static SrtpContext forReceiving(SrtpPolicy policy, SrtpKeys keys, int... ssrcs) {
        return new SrtpContext(policy, keys, false, ssrcs.clone());
    }

    /**
     * Whether HMAC-SHA1 (the AES_CM and NULL profiles) runs on precomputed inner and outer pad
     * states over the JDK's SHA-1 compression function (four compressions for a 160-byte payload
     * instead of six) rather than hashing both pads for every packet. True when the JVM was
     * started with {@code --add-opens java.base/sun.security.provider=ALL-UNNAMED} (the
     * {@code voxgate} launcher adds it) and not with {@code -Dvoxgate.srtp.hmacFastPath=false}.
     * Both paths give the same tags. Fixed for the life of the JVM; logged once at INFO.
     */
    public static boolean hmacFastPath() {
        return PacketCryptoFactory.hmacFastPath();
    }

    /**
     * Whether AES-GCM (the AEAD profiles) computes GHASH with the JDK's own implementation, which
     * the JIT turns into carry-less multiplication (about ten times faster per block than our
     * tables), rather than with 32 KiB of tables per key. True when the JVM was started with
     * {@code --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED} (the {@code voxgate}
     * launcher adds it) and not with {@code -Dvoxgate.srtp.ghashFastPath=false}. Both paths give
     * the same tags. Fixed for the life of the JVM; logged once at INFO.
     */
    public static boolean gcmFastPath() {
        return PacketCryptoFactory.gcmFastPath();
    }

    public SrtpPolicy policy() { return policy; }

    public boolean isSending() { return sending; }

    /** Bytes protect may append: room the caller leaves after each packet. */
    public int maxOverhead() {
        return mki.length + Math.max(crypto.rtpTagLength(), crypto.rtcpTagLength() + 4);
    }

    private Stream newStream(int ssrc) {
        return new Stream(ssrc, policy.replayWindow(), SrtpStatus.COUNT);
    }

    private SrtpStatus done(Stream s, SrtpStatus status) {
        counts[status.ordinal()]++;
        if (s != null) {
            s.counts[status.ordinal()]++;
        }
        return status;
    }

    private void checkDirection(boolean wantSending) {
        if (sending != wantSending) {
            throw new IllegalStateException(sending ? "sending context cannot unprotect"
                    : "receiving context cannot protect");
        }
    }

    /**
     * Protects one RTP packet in place (RFC 3711 section 3.3).
     *
     * <p>Precondition: a sending context; {@code packet} holds one RTP packet with
     * {@link #maxOverhead()} bytes of room after it.
     *
     * @return OK (length grew by MKI and tag), TRUNCATED, BAD_VERSION, NO_ROOM, TOO_MANY_STREAMS,
     *         REPLAYED or TOO_OLD (this index was already used: a (key, IV) pair is never reused),
     *         KEY_EXPIRED (2^48 packets or ROC exhausted: the master key must change), CLOSED
     * @throws IllegalStateException on a receiving context (a programming error)
     */
    public SrtpStatus protect(SrtpPacket packet) {
        checkDirection(true);
        if (closed) {
            return done(null, SrtpStatus.CLOSED);
        }
        byte[] b = packet.array();
        int off = packet.offset();
        int len = packet.length();
        if (len < MIN_RTP_LEN) {
            return done(null, SrtpStatus.TRUNCATED);
        }
        if (RtpHeader.version(b, off) != 2) {
            return done(null, SrtpStatus.BAD_VERSION);
        }
        int hdrLen = RtpHeader.length(b, off, len);
        if (hdrLen < 0) {
            return done(null, SrtpStatus.TRUNCATED);
        }
        int ssrc = RtpHeader.rtpSsrc(b, off);
        Stream s = streams.get(ssrc);
        if (packet.room() < mki.length + crypto.rtpTagLength()) {
            return done(s, SrtpStatus.NO_ROOM);
        }
        if (s == null) {
            if (streams.isFull()) {
                return done(null, SrtpStatus.TOO_MANY_STREAMS);
            }
            s = newStream(ssrc);
            streams.add(s);
        }
        long index = SrtpIndex.estimate(s.rtp.highest(), s.initialRoc, RtpHeader.sequence(b, off));
        if (index < 0) {
            return done(s, SrtpStatus.TOO_OLD);
        }
        // RFC 3711 section 9.2: "after 2^48 SRTP packets ... have been secured with the same key
        // ... the sender MUST NOT apply any further transforms" with it.
        if (index >= SrtpIndex.INDEX_LIMIT || rtpPacketsProtected >= rtpPacketLimit) {
            return done(s, SrtpStatus.KEY_EXPIRED);
        }
        int seen = s.rtp.check(index);
        if (seen != ReplayWindow.NEW) {
            return done(s, seen == ReplayWindow.REPLAYED ? SrtpStatus.REPLAYED : SrtpStatus.TOO_OLD);
        }
        int newLen = crypto.protectRtp(b, off, hdrLen, len, ssrc, index, mki);
        s.rtp.accept(index);
        rtpPacketsProtected++;
        packet.length(newLen);
        return done(s, SrtpStatus.OK);
    }

    /**
     * Verifies and decrypts one SRTP packet in place, in pion/srtp's order.
     *
     * <p>Precondition: a receiving context.
     *
     * @return OK (length shrank to the RTP packet), TRUNCATED, BAD_VERSION, TOO_SHORT_FOR_TAG,
     *         UNKNOWN_SSRC, BAD_MKI, REPLAYED, TOO_OLD, KEY_EXPIRED (index past 2^48),
     *         TOO_MANY_STREAMS, AUTH_FAIL, CLOSED
     * @throws IllegalStateException on a sending context (a programming error)
     */
    public SrtpStatus unprotect(SrtpPacket packet) {
        checkDirection(false);
        if (closed) {
            return done(null, SrtpStatus.CLOSED);
        }
        byte[] b = packet.array();
        int off = packet.offset();
        int len = packet.length();
        // 1. Length checks: fixed header, declared header, room for MKI and tag.
        if (len < MIN_RTP_LEN) {
            return done(null, SrtpStatus.TRUNCATED);
        }
        if (RtpHeader.version(b, off) != 2) {
            return done(null, SrtpStatus.BAD_VERSION);
        }
        int hdrLen = RtpHeader.length(b, off, len);
        if (hdrLen < 0) {
            return done(null, SrtpStatus.TRUNCATED);
        }
        int ssrc = RtpHeader.rtpSsrc(b, off);
        Stream s = streams.get(ssrc);
        if (len < hdrLen + mki.length + crypto.rtpTagLength()) {
            return done(s, SrtpStatus.TOO_SHORT_FOR_TAG);
        }
        // 2. Read-only state lookup: stream and MKI.
        if (s == null) {
            if (!anySsrc) {
                return done(null, SrtpStatus.UNKNOWN_SSRC);
            }
            if (streams.isFull()) {
                return done(null, SrtpStatus.TOO_MANY_STREAMS);
            }
        }
        if (!mkiMatches(b, off + crypto.rtpMkiOffset(len, mki.length))) {
            return done(s, SrtpStatus.BAD_MKI);
        }
        // 3. Index estimate (RFC 3711 section 3.3.1) and replay check, without committing.
        long index = SrtpIndex.estimate(s == null ? -1 : s.rtp.highest(), s == null ? 0 : s.initialRoc,
                RtpHeader.sequence(b, off));
        if (index < 0) {
            return done(s, SrtpStatus.TOO_OLD);
        }
        if (index >= SrtpIndex.INDEX_LIMIT) {
            return done(s, SrtpStatus.KEY_EXPIRED);
        }
        if (s != null) {
            int seen = s.rtp.check(index);
            if (seen != ReplayWindow.NEW) {
                return done(s, seen == ReplayWindow.REPLAYED ? SrtpStatus.REPLAYED : SrtpStatus.TOO_OLD);
            }
        }
        // 4. Authenticate, then decrypt.
        int newLen = crypto.unprotectRtp(b, off, hdrLen, len, ssrc, index, mki.length);
        if (newLen < 0) {
            return done(s, SrtpStatus.AUTH_FAIL);
        }
        // 5. Commit: new stream, replay window, highest index (ROC and s_l).
        if (s == null) {
            s = newStream(ssrc);
            streams.add(s);
        }
        s.rtp.accept(index);
        packet.length(newLen);
        return done(s, SrtpStatus.OK);
    }

    /**
     * Protects one RTCP compound packet in place (RFC 3711 section 3.4): encrypts it unless the
     * policy says UNENCRYPTED_SRTCP, appends E flag and SRTCP index, MKI and tag.
     *
     * <p>Precondition: a sending context; room for {@link #maxOverhead()} bytes after the packet.
     *
     * @return OK, TRUNCATED, BAD_VERSION, NO_ROOM, TOO_MANY_STREAMS, KEY_EXPIRED (2^31 SRTCP
     *         packets: the master key must change), CLOSED
     */
    public SrtpStatus protectRtcp(SrtpPacket packet) {
        checkDirection(true);
        if (closed) {
            return done(null, SrtpStatus.CLOSED);
        }
        byte[] b = packet.array();
        int off = packet.offset();
        int len = packet.length();
        if (len < RtpHeader.RTCP_CLEAR) {
            return done(null, SrtpStatus.TRUNCATED);
        }
        if (RtpHeader.version(b, off) != 2) {
            return done(null, SrtpStatus.BAD_VERSION);
        }
        int ssrc = RtpHeader.rtcpSsrc(b, off);
        Stream s = streams.get(ssrc);
        if (packet.room() < 4 + mki.length + crypto.rtcpTagLength()) {
            return done(s, SrtpStatus.NO_ROOM);
        }
        if (s == null) {
            if (streams.isFull()) {
                return done(null, SrtpStatus.TOO_MANY_STREAMS);
            }
            s = newStream(ssrc);
            streams.add(s);
        }
        // RFC 3711 section 9.2: no more than 2^31 SRTCP packets under one master key; the 31-bit
        // SRTCP index must never wrap, or a (key, IV) pair would repeat.
        if (s.nextSrtcpIndex > SrtpIndex.SRTCP_INDEX_LIMIT || rtcpPacketsProtected >= rtcpPacketLimit) {
            return done(s, SrtpStatus.KEY_EXPIRED);
        }
        int index = (int) s.nextSrtcpIndex;
        int newLen = crypto.protectRtcp(b, off, len, ssrc, index, policy.encryptRtcp(), mki);
        s.nextSrtcpIndex++;
        rtcpPacketsProtected++;
        packet.length(newLen);
        return done(s, SrtpStatus.OK);
    }

    /**
     * Verifies and decrypts one SRTCP packet in place.
     *
     * <p>Precondition: a receiving context.
     *
     * @return OK (length shrank to the RTCP compound packet), TRUNCATED, BAD_VERSION,
     *         TOO_SHORT_FOR_TAG, UNKNOWN_SSRC, BAD_MKI, E_FLAG_MISMATCH, REPLAYED, TOO_OLD,
     *         TOO_MANY_STREAMS, AUTH_FAIL, CLOSED
     */
    public SrtpStatus unprotectRtcp(SrtpPacket packet) {
        checkDirection(false);
        if (closed) {
            return done(null, SrtpStatus.CLOSED);
        }
        byte[] b = packet.array();
        int off = packet.offset();
        int len = packet.length();
        // 1. Length checks.
        if (len < RtpHeader.RTCP_CLEAR) {
            return done(null, SrtpStatus.TRUNCATED);
        }
        if (RtpHeader.version(b, off) != 2) {
            return done(null, SrtpStatus.BAD_VERSION);
        }
        int ssrc = RtpHeader.rtcpSsrc(b, off);
        Stream s = streams.get(ssrc);
        if (len < RtpHeader.RTCP_CLEAR + 4 + mki.length + crypto.rtcpTagLength()) {
            return done(s, SrtpStatus.TOO_SHORT_FOR_TAG);
        }
        // 2. Read-only lookup: stream, MKI, E flag.
        if (s == null) {
            if (!anySsrc) {
                return done(null, SrtpStatus.UNKNOWN_SSRC);
            }
            if (streams.isFull()) {
                return done(null, SrtpStatus.TOO_MANY_STREAMS);
            }
        }
        if (!mkiMatches(b, off + crypto.rtcpMkiOffset(len, mki.length))) {
            return done(s, SrtpStatus.BAD_MKI);
        }
        int word = RtpHeader.readInt(b, off + crypto.rtcpIndexOffset(len, mki.length));
        boolean encrypted = word < 0;
        if (encrypted != policy.encryptRtcp()) {
            return done(s, SrtpStatus.E_FLAG_MISMATCH);
        }
        int index = word & 0x7FFF_FFFF;
        // 3. Replay check.
        if (s != null) {
            int seen = s.rtcp.check(index);
            if (seen != ReplayWindow.NEW) {
                return done(s, seen == ReplayWindow.REPLAYED ? SrtpStatus.REPLAYED : SrtpStatus.TOO_OLD);
            }
        }
        // 4. Authenticate, then decrypt.
        int newLen = crypto.unprotectRtcp(b, off, len, ssrc, index, encrypted, mki.length);
        if (newLen < 0) {
            return done(s, SrtpStatus.AUTH_FAIL);
        }
        // 5. Commit.
        if (s == null) {
            s = newStream(ssrc);
            streams.add(s);
        }
        s.rtcp.accept(index);
        packet.length(newLen);
        return done(s, SrtpStatus.OK);
    }

    private boolean mkiMatches(byte[] b, int at) {
        for (int i = 0; i < mki.length; i++) {
            if (b[at + i] != mki[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sets the ROC the first RTP packet of {@code ssrc} is assumed to carry (RFC 3711 section
     * 3.3.1; RFC 4568 rekeying signals it). Creates the stream if needed.
     *
     * @throws IllegalStateException if the stream already carried packets, or no room for it
     */
    public void setRolloverCounter(int ssrc, int roc) {
        Stream s = streams.get(ssrc);
        if (s == null) {
            if (streams.isFull()) {
                throw new IllegalStateException("no room for another stream");
            }
            s = newStream(ssrc);
            streams.add(s);
        }
        if (s.rtp.highest() >= 0) {
            throw new IllegalStateException("stream " + Integer.toUnsignedString(ssrc) + " already started");
        }
        s.initialRoc = roc;
    }

    /** The ROC of the highest index seen for {@code ssrc} (unsigned 32-bit), or -1 for none. */
    public long rolloverCounter(int ssrc) {
        Stream s = streams.get(ssrc);
        if (s == null || s.rtp.highest() < 0) {
            return -1;
        }
        return s.rtp.highest() >>> 16;
    }

    /**
     * How many calls on this context ended with {@code status}, over all streams (including
     * refusals that came before any stream was known). Plain fields: read them on the owning
     * thread, or accept slightly stale values from a metrics thread.
     */
    public long count(SrtpStatus status) {
        return counts[status.ordinal()];
    }

    /** How many calls for {@code ssrc} ended with {@code status} (0 for an unknown SSRC). */
    public long count(int ssrc, SrtpStatus status) {
        Stream s = streams.get(ssrc);
        return s == null ? 0 : s.counts[status.ordinal()];
    }

    /** Lowers the per-key limits so tests can reach them. */
    void limitsForTest(long rtpPackets, long rtcpPackets) {
        this.rtpPacketLimit = rtpPackets;
        this.rtcpPacketLimit = rtcpPackets;
    }

    /** Moves a sending stream's next SRTCP index (tests of the 2^31 limit). */
    void nextSrtcpIndexForTest(int ssrc, long next) {
        Stream s = streams.get(ssrc);
        if (s == null) {
            s = newStream(ssrc);
            streams.add(s);
        }
        s.nextSrtcpIndex = next;
    }

    /** Wipes the session keys and salts and drops all streams. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        crypto.close();
        java.util.Arrays.fill(mki, (byte) 0);
        streams.clear();
    }

    public boolean isClosed() { return closed; }
}
