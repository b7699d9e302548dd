package org.voxgate.lab.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One call's RTP endpoint: a UDP socket, the send script (first the access code as RFC 4733
 * events, then a tone or silence every 20 ms) and the receive statistics.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |V=2|P|X|  CC   |M|     PT      |       sequence number         |  RFC 3550 5.1
 *  |                           timestamp                           |
 *  |                             SSRC                              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     event     |E|R| volume    |          duration             |  RFC 4733 2.3
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Audio in the one codec offered ({@link LoadCodec}); payload types come from the answer (the node
 * may renumber dynamic ones), timestamps advance by the codec's samples per 20 ms (160 at 8 kHz,
 * 960 at 48 kHz) and event durations count the telephone-event clock (RFC 4733 section 2.5.1.3).
 * The send half runs on the generator's send thread, the receive half on its receive thread;
 * {@link #start} publishes the remote address, start time and the answer's payload types
 * through volatile fields.
 */
final class CallMedia implements MediaEndpoint, AutoCloseable {
    /** Slots (20 ms) a key is held, then released for as many (100 ms tone, 100 ms pause). */
    private static final int KEY_SLOTS = 5;
    /** One key with its pause, in ms. */
    static final long KEY_MS = 2L * KEY_SLOTS * RtpEngine.PTIME_NANOS / 1_000_000L;
    private static final String DTMF = "0123456789*#ABCD";

    final DatagramChannel channel;
    final LegReceiveStats stats = new LegReceiveStats();
    private final boolean talker;
    private final LoadCodec codec;
    private final RtpToneSource source;
    /** From the answer (written by the SIP thread before {@link #start}'s volatile write). */
    private volatile SipRequests.AnswerFormats negotiated;
    private int audioType;
    private int eventType = -1;
    private int eventUnitsPerFrame;
    /** Opus only: the receive side's decoder, made at the answer, freed by {@link #closeKeys()}. */
    private LabOpus.Decoder decoder;
    /** Null for plain RTP. */
    private final SrtpLeg srtp;
    /** SRTP only: a heap copy of the packet to protect in place (send thread). */
    private final ByteBuffer protectBuf;
    private final int ssrc = ThreadLocalRandom.current().nextInt();
    private int seq = ThreadLocalRandom.current().nextInt(1 << 16);
    private long timestamp = ThreadLocalRandom.current().nextInt() & 0xFFFF_FFFFL;
    private volatile String digits = "";
    private volatile SocketAddress remote;
    private volatile long digitsAtNanos;
    private volatile boolean stopped;
    private int slot; // send thread only
    private long frame; // send thread only: index into the source's loop
    private long eventTimestamp;
    long packetsSent;

    CallMedia(InetAddress local, boolean talker) throws IOException {
        this(local, talker, false, LoadCodec.PCMU);
    }

    /** A PCMU leg. */
    CallMedia(InetAddress local, boolean talker, boolean srtp) throws IOException {
        this(local, talker, srtp, LoadCodec.PCMU);
    }

    /**
     * @param srtp  offer SRTP with an SDES key (RTP/SAVP) and protect/unprotect every packet
     * @param codec the codec offered
     * @throws IllegalStateException for Opus when libopus cannot be loaded
     */
    CallMedia(InetAddress local, boolean talker, boolean srtp, LoadCodec codec) throws IOException {
        this.codec = codec;
        this.source = RtpToneSource.of(codec);
        this.channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(local, 0));
        channel.configureBlocking(false);
        this.talker = talker;
        this.srtp = srtp ? new SrtpLeg() : null;
        this.protectBuf = srtp ? ByteBuffer.allocate(1500) : null;
    }

    @Override
    public String offerCrypto() {
        return srtp == null ? null : srtp.offerLine();
    }

    @Override
    public LoadCodec offerCodec() {
        return codec;
    }

    /**
     * Takes the answer's payload types (and, with SRTP, its key); for Opus makes this leg's decoder.
     *
     * @return null, or why the media cannot start: the answer lacks our codec or a usable key
     */
    @Override
    public String onAnswer(String answerSdp) {
        SipRequests.AnswerFormats f = SipRequests.answerFormats(answerSdp, codec);
        if (f == null) {
            return "answer has no " + codec.rtpmap();
        }
        String refused = srtp == null ? null : srtp.answer(answerSdp);
        if (refused != null) {
            return refused;
        }
        negotiated = f;
        audioType = f.payloadType();
        eventType = f.telephoneEventType();
        eventUnitsPerFrame = f.telephoneEventClockHz() / LoadCodec.FRAMES_PER_SECOND;
        if (codec == LoadCodec.OPUS) {
            decoder = new LabOpus.Decoder();
        }
        stats.answer(codec, audioType, decoder);
        return null;
    }

    /** The answer's formats for this leg, or null before (or without) an answer. */
    SipRequests.AnswerFormats negotiated() {
        return negotiated;
    }

    /** SRTP refusals of this leg; {@link SrtpLeg.Counts#NONE} for plain RTP. Read after the engine stopped. */
    SrtpLeg.Counts srtpCounts() {
        return srtp == null ? SrtpLeg.Counts.NONE : srtp.counts();
    }

    boolean srtp() {
        return srtp != null;
    }

    /**
     * Wipes the SRTP keys and frees the Opus decoder; only once the RTP threads stopped (they use
     * both without locks, and libopus frees the decoder's memory).
     */
    void closeKeys() {
        if (srtp != null) {
            srtp.close();
        }
        if (decoder != null) {
            decoder.close();
        }
    }

    @Override
    public int localPort() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    boolean talker() {
        return talker;
    }

    /** This leg's SRTP (keys, contexts, refusal counts), or null for plain RTP. */
    SrtpLeg srtpLeg() {
        return srtp;
    }

    /** Starts sending to {@code to}; {@code keys} (e.g. "1357#") go out as events from {@code keysAtNanos}. */
    @Override
    public void start(SocketAddress to, String keys, long keysAtNanos) {
        this.digits = keys;
        this.digitsAtNanos = keysAtNanos;
        this.remote = to;
    }

    boolean sending() {
        return remote != null && !stopped;
    }

    @Override
    public void stop() {
        stopped = true;
    }

    /** Sends this 20 ms slot's packet(s). Send thread only; never throws. */
    void tick(long nowNanos, ByteBuffer buf) {
        SocketAddress to = remote;
        if (to == null || stopped) {
            return;
        }
        try {
            String keys = digits;
            if (eventType < 0) {
                keys = ""; // the answer took no telephone-event: nothing to type with
            }
            if (nowNanos >= digitsAtNanos && slot < keys.length() * 2 * KEY_SLOTS) {
                int key = slot / (2 * KEY_SLOTS);
                int inKey = slot % (2 * KEY_SLOTS);
                if (inKey < KEY_SLOTS) {
                    if (inKey == 0) {
                        eventTimestamp = timestamp;
                    }
                    int event = DTMF.indexOf(keys.charAt(key));
                    int duration = (inKey + 1) * eventUnitsPerFrame;
                    boolean end = inKey == KEY_SLOTS - 1;
                    for (int r = 0; r < (end ? 3 : 1); r++) { // RFC 4733 2.5.1.4: the end packet three times
                        send(buf, to, eventType, inKey == 0 && r == 0, eventTimestamp, event, end, duration);
                    }
                } else {
                    sendAudio(buf, to, source.silence(frame));
                }
                slot++;
            } else {
                boolean done = slot >= keys.length() * 2 * KEY_SLOTS;
                sendAudio(buf, to, talker && done ? source.tone(frame) : source.silence(frame));
            }
            frame++;
            timestamp = (timestamp + codec.samplesPerFrame()) & 0xFFFF_FFFFL;
        } catch (IOException e) {
            stopped = true; // socket closed under us at the end of a run
        }
    }

    private void header(ByteBuffer buf, boolean marker, int payloadType, long ts) {
        buf.clear();
        buf.put((byte) 0x80);
        buf.put((byte) ((marker ? 0x80 : 0) | payloadType));
        buf.putShort((short) seq);
        buf.putInt((int) ts);
        buf.putInt(ssrc);
        seq = (seq + 1) & 0xFFFF;
    }

    private void sendAudio(ByteBuffer buf, SocketAddress to, byte[] payload) throws IOException {
        header(buf, false, audioType, timestamp);
        buf.put(payload);
        buf.flip();
        transmit(buf, to);
    }

    /** Sends one RTP packet, protected first when this leg runs SRTP. */
    private void transmit(ByteBuffer buf, SocketAddress to) throws IOException {
        if (srtp != null) {
            int n = buf.remaining();
            byte[] a = protectBuf.array();
            buf.get(a, 0, n);
            int len = srtp.protect(a, n);
            if (len < 0) {
                return;
            }
            protectBuf.clear().limit(len);
            channel.send(protectBuf, to);
        } else {
            channel.send(buf, to);
        }
        packetsSent++;
    }

    private void send(ByteBuffer buf, SocketAddress to, int pt, boolean marker, long ts, int event, boolean end,
                      int duration) throws IOException {
        header(buf, marker, pt, ts);
        buf.put((byte) event);
        buf.put((byte) ((end ? 0x80 : 0) | 10)); // volume -10 dBm0
        buf.putShort((short) duration);
        buf.flip();
        transmit(buf, to);
    }

    /** Reads every waiting datagram into the statistics. Receive thread only. */
    void drain(ByteBuffer buf, long nowNanos) throws IOException {
        while (true) {
            buf.clear();
            if (channel.receive(buf) == null) {
                return;
            }
            buf.flip();
            int n = buf.remaining();
            if (srtp != null) {
                if (n >= 2 && (buf.get(1) & 0x7F) >= 72 && (buf.get(1) & 0x7F) <= 79) {
                    continue; // SRTCP (RFC 5761 demux range), not expected on this port
                }
                n = srtp.unprotect(buf.array(), buf.arrayOffset(), n);
                if (n < 0) {
                    continue; // counted by the leg
                }
            }
            if (n < 12 || (buf.get(0) & 0xC0) != 0x80) {
                continue; // not RTP version 2
            }
            int cc = buf.get(0) & 0x0F;
            int headerBytes = 12 + 4 * cc;
            if ((buf.get(0) & 0x10) != 0 && n >= headerBytes + 4) {
                headerBytes += 4 + 4 * (buf.getShort(headerBytes + 2) & 0xFFFF);
            }
            if (headerBytes > n) {
                continue;
            }
            int pt = buf.get(1) & 0x7F;
            if (pt >= 72 && pt <= 79) {
                continue; // RTCP (RFC 5761 demux range), not expected on this port
            }
            int s = buf.getShort(2) & 0xFFFF;
            long ts = buf.getInt(4) & 0xFFFF_FFFFL;
            long sr = buf.getInt(8) & 0xFFFF_FFFFL;
            stats.onPacket(s, ts, sr, pt, buf.array(), buf.arrayOffset() + headerBytes, n - headerBytes, nowNanos);
        }
    }

    @Override
    public void close() {
        stopped = true;
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
