package org.voxgate.bridge.internal.leg;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.bridge.api.Conference;
import org.voxgate.bridge.api.DtmfEvent;
import org.voxgate.bridge.api.DtmfSource;
import org.voxgate.bridge.api.LegListener;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.LegStats;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.api.ParticipantRole;
import org.voxgate.bridge.api.Prompt;
import org.voxgate.bridge.api.SdpException;
import org.voxgate.bridge.api.Tone;
import org.voxgate.bridge.internal.clock.ClockTask;
import org.voxgate.bridge.internal.clock.ClockThread;
import org.voxgate.bridge.internal.codec.AudioCodec;
import org.voxgate.bridge.internal.codec.OpusParameters;
import org.voxgate.bridge.internal.event.SerialExecutor;
import org.voxgate.bridge.internal.rtp.DropReason;
import org.voxgate.bridge.internal.sdp.Direction;
import org.voxgate.bridge.internal.sdp.MediaSession;
import org.voxgate.bridge.internal.sdp.SdpNegotiator;
import org.voxgate.bridge.internal.srtp.DtlsIdentity;
import org.voxgate.bridge.internal.srtp.DtlsLink;
import org.voxgate.bridge.internal.srtp.DtlsNegotiation;
import org.voxgate.bridge.internal.srtp.LegSecurity;
import org.voxgate.bridge.internal.srtp.LegSrtp;
import org.voxgate.bridge.internal.tcp.TcpMediaLink;
import org.voxgate.bridge.internal.tcp.TcpMediaServer;
import org.voxgate.bridge.internal.tcp.TcpNegotiation;
import org.voxgate.bridge.internal.transport.UdpTransport;
import org.voxgate.srtp.SrtpStatus;

/**
 * A media leg: the {@link MediaLeg} facade, the play-out entry points a conference's mixer slot
 * calls, and the
 * owner of its receive side ({@link LegReceiver}, on a Netty event loop) and play-out side
 * ({@link LegPlayout}, on a media clock thread).
 *
 * <p>Play-out ownership: outside a conference the leg's own clock task ticks it; inside one, the
 * conference's thread does. Whoever ticks holds {@link #playoutLock} and checks {@link #owner}
 * under it, so a hand-over between threads never lets two threads touch the play-out state. The
 * lock is uncontended except during a join or leave.
 */
public final class DefaultMediaLeg implements MediaLeg {
    private static final Logger log = LoggerFactory.getLogger(DefaultMediaLeg.class);
    private static final Object SOLO = new Object();
    private static final int SOLO_PTIME_MS = 20;
    static final long INBAND_SUPPRESS_MS = 1000;
    private static final int DTLS_HANDSHAKE_TIMEOUT_MS = 10_000;
    private static final DtlsIdentity DTLS_IDENTITY = new DtlsIdentity();
    private static final java.security.SecureRandom KEY_RANDOM = new java.security.SecureRandom();

    /** What a conference implementation offers a leg. */
    public interface ConferenceHook extends Conference {
        void attach(DefaultMediaLeg leg);

        void detach(DefaultMediaLeg leg);

        boolean isClosed();
    }

    private final String id;
    private final LegOptions options;
    private final LegListener listener;
    private final LegContext ctx;
    private final SerialExecutor events;
    private final int rtpPort;
    private final long ssrc = ThreadLocalRandom.current().nextLong(1L << 32);
    private final SdpNegotiator negotiator;
    private final PacketHandoff handoff = new PacketHandoff(32, LegPlayout.MAX_PAYLOAD_BYTES);
    private final LegReceiver receiver;
    private final AtomicLongArray drops = new AtomicLongArray(DropReason.values().length);
    private final AtomicReference<Playback> prompt = new AtomicReference<>();
    private final AtomicReference<Playback> tone = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean telephoneEventsSeen;
    private final Object playoutLock = new Object();
    private final Consumer<DefaultMediaLeg> onClose;
    private final LegSrtp srtp;
    private final DtlsNegotiation dtls;
    private final LegSecurity security;
    private volatile TcpNegotiation tcp;

    private Channel rtpChannel;
    private Channel rtcpChannel;
    private RtpSender sender;
    private LegPlayout playout;
    private ClockThread.Registration soloTask;

    private volatile MediaSession session;
    private volatile EncodedFrames silence;
    private final AtomicReference<PreparedCodecs> prepared = new AtomicReference<>();
    private volatile Object owner = SOLO;
    private volatile ConferenceHook conference;
    private volatile ParticipantRole role;
    private volatile boolean muted;
    private final Object lastDigitLock = new Object();
    private char lastDigit;
    private DtmfSource lastDigitSource;
    private long lastDigitNanos;

    public DefaultMediaLeg(String id, LegOptions options, LegListener listener, LegContext ctx, int rtpPort,
                           List<AudioCodec> codecs, Consumer<DefaultMediaLeg> onClose) {
        this.id = id;
        this.options = options;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.ctx = ctx;
        this.events = ctx.events().serial();
        this.rtpPort = rtpPort;
        this.negotiator = new SdpNegotiator(ctx.config().advertisedAddress(), rtpPort, codecs,
                ThreadLocalRandom.current().nextLong(1L << 40));
        this.receiver = new LegReceiver(this, ctx, handoff);
        this.onClose = onClose;
        this.srtp = new LegSrtp(new LegSrtp.Threads() {
            @Override
            public java.util.concurrent.Executor eventLoop() {
                return rtpChannel.eventLoop();
            }

            @Override
            public void underPlayoutLock(Runnable r) {
                synchronized (playoutLock) {
                    r.run();
                }
            }
        });
        this.dtls = new DtlsNegotiation(DTLS_IDENTITY, new Link(), srtp, DTLS_HANDSHAKE_TIMEOUT_MS);
        this.security = new LegSecurity(options.secureSignalling(), options.srtpPolicy(), srtp, KEY_RANDOM, dtls);
        this.negotiator.setSecurity(security);
    }

    /** The leg as its DTLS handshakes see it. */
    private final class Link implements DtlsLink {
        private final AtomicBoolean failed = new AtomicBoolean();

        @Override
        public String legId() {
            return id;
        }

        @Override
        public void send(boolean rtcp, byte[] data, int offset, int length, InetSocketAddress to) {
            Channel ch = rtcp ? rtcpChannel : rtpChannel;
            if (ch != null && ch.isActive()) {
                ch.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer(data, offset, length), to), ch.voidPromise());
            }
        }

        @Override
        public InetSocketAddress currentTarget(boolean rtcp) {
            return rtcp ? receiver.rtcpSendTarget() : receiver.sendTarget();
        }

        @Override
        public void failed(String reason) {
            if (closed.get() || !failed.compareAndSet(false, true)) {
                return;
            }
            log.info("leg {} (call {}): media security failed: {}", id, options.callId(), reason);
            events.execute(() -> listener.onMediaSecurityFailure(DefaultMediaLeg.this, reason));
        }
    }

    public io.netty.channel.ChannelHandler rtpHandler() {
        return receiver.rtpHandler();
    }

    public io.netty.channel.ChannelHandler rtcpHandler() {
        return receiver.rtcpHandler();
    }

    /** Maximum RTP/RTCP packet over TCP: a datagram's worth plus the SRTP tag. */
    public static final int MAX_TCP_PACKET_BYTES = UdpTransport.MAX_DATAGRAM_BYTES + LegSrtp.MAX_OVERHEAD_BYTES;

    /**
     * Lets this leg answer RTP-over-TCP offers (RFC 4571) through the bridge's shared TCP port.
     * Call before {@link #start}; without it TCP offers are refused with 302.
     */
    public void useTcpMedia(TcpMediaServer server) {
        this.tcp = new TcpNegotiation(id, server, () -> rtpChannel.eventLoop(), receiver::onTcpFrame,
                MAX_TCP_PACKET_BYTES);
        negotiator.setTransport(tcp);
    }

    /** The TCP link of the current session, or null when media runs over UDP. */
    public TcpMediaLink tcpLink() {
        TcpNegotiation t = tcp;
        return t == null ? null : t.link();
    }

    /** Wires the bound channels and starts the receive timer and the leg's own clock task. */
    public void start(Channel rtp, Channel rtcp) {
        this.rtpChannel = rtp;
        this.rtcpChannel = rtcp;
        this.sender = new RtpSender(rtp, ssrc, srtp, this::tcpLink);
        this.playout = new LegPlayout(this, ctx, handoff, sender, options.inbandDtmf());
        receiver.start(rtp);
        soloTask = ctx.media().leastLoaded().schedule(new ClockTask() {
            @Override
            public void tick(long nowNanos) {
                soloTick();
            }

            @Override
            public long periodNanos() {
                return SOLO_PTIME_MS * 1_000_000L;
            }
        });
    }

    public int rtpPort() {
        return rtpPort;
    }

    // ---- MediaLeg ----

    @Override
    public String id() {
        return id;
    }

    @Override
    public String callId() {
        return options.callId();
    }

    @Override
    public synchronized String answer(String offerSdp) throws SdpException {
        checkOpen();
        String answer = negotiator.answer(offerSdp);
        publish(negotiator.current());
        return answer;
    }

    @Override
    public synchronized String createOffer() {
        checkOpen();
        return negotiator.createOffer();
    }

    @Override
    public synchronized void acceptAnswer(String answerSdp) throws SdpException {
        checkOpen();
        negotiator.acceptAnswer(answerSdp);
        publish(negotiator.current());
    }

    /**
     * Publishes a negotiated session. First looks up (encoding it on a miss, here on the
     * signalling thread) the silence frame the play-out sends outside a conference when it has
     * nothing to play, so that the clock thread does not run this leg's encoder on silence
     * every tick.
     */
    private void publish(MediaSession s) {
        // before the session, so the first tick of a new session already finds it
        silence = s == null ? null : ctx.encoded().silence(s.codec(), s.peerOpus(), SOLO_PTIME_MS);
        if (s != null && s.codec() == AudioCodec.OPUS) {
            // libopus states made here, not on the clock thread at the session's first tick
            PreparedCodecs p = new PreparedCodecs(s, s.codec().newDecoder(), s.codec().newEncoder(s.peerOpus()));
            PreparedCodecs old = prepared.getAndSet(p);
            if (old != null) {
                old.release();
            }
        }
        session = s;
    }

    /** A decoder and encoder made off the clock thread for one session. */
    record PreparedCodecs(MediaSession session,
                          org.voxgate.bridge.internal.codec.AudioDecoder decoder,
                          org.voxgate.bridge.internal.codec.AudioEncoder encoder) {
        void release() {
            AudioCodec.release(decoder);
            AudioCodec.release(encoder);
        }
    }

    /**
     * The play-out (clock thread) takes the codecs prepared for {@code s}; null when none were
     * (or they were for another session: those are freed).
     */
    PreparedCodecs takePrepared(MediaSession s) {
        PreparedCodecs p = prepared.getAndSet(null);
        if (p != null && p.session() != s) {
            p.release();
            return null;
        }
        return p;
    }

    /** The shared silence frame for this leg's codec, or null (the play-out encodes silence itself). */
    EncodedFrames encodedSilence() {
        return silence;
    }

    /** The tick length the play-out runs at now: the conference's ptime, or the leg's own. */
    private int playoutPtimeMs() {
        ConferenceHook c = conference;
        return c == null ? SOLO_PTIME_MS : c.options().ptimeMs();
    }

    @Override
    public void play(List<Prompt> prompts) {
        play(prompts, false);
    }

    @Override
    public void playWhileAlone(List<Prompt> prompts) {
        play(prompts, true);
        ConferenceHook c = conference;
        if (c != null && c.size() > 1) {
            // Another leg attached before our prompt was published: its attach could not see it.
            othersPresent();
        }
    }

    private void play(List<Prompt> prompts, boolean whileAlone) {
        checkOpen();
        int rate = codec().sampleRateHz();
        short[][] clips = new short[prompts.size()][];
        for (int i = 0; i < clips.length; i++) {
            clips[i] = ctx.prompts().prompt(prompts.get(i), rate);
        }
        Playback next = new Playback(clips, true, rate, whileAlone, encodedFor(List.copyOf(prompts), clips));
        Playback old = prompt.getAndSet(next);
        finished(old, false);
        if (clips.length == 0) {
            promptEnded(next);
        }
    }

    /**
     * Called by the conference when it has another participant besides this leg: a prompt list
     * given to {@link #playWhileAlone} stops (not completed). Any thread.
     */
    public void othersPresent() {
        Playback p = prompt.get();
        if (p != null && p.whileAlone() && prompt.compareAndSet(p, null)) {
            finished(p, false);
        }
    }

    @Override
    public void stopPlayback() {
        checkOpen();
        finished(prompt.getAndSet(null), false);
    }

    @Override
    public void playTone(Tone t) {
        checkOpen();
        int rate = codec().sampleRateHz();
        short[][] clips = {ctx.prompts().tone(t, rate)};
        tone.set(new Playback(clips, false, rate, encodedFor(Objects.requireNonNull(t, "tone"), clips)));
    }

    /**
     * The shared encoding of {@code clips} for this leg's codec and current tick length (the
     * cache encodes it here, on the caller's thread, on a miss), or null: the play-out then
     * encodes the PCM itself.
     */
    private EncodedFrames encodedFor(Object content, short[][] clips) {
        MediaSession s = session;
        if (s == null) {
            return null;
        }
        return ctx.encoded().frames(content, clips, s.codec(), s.peerOpus(), playoutPtimeMs());
    }

    @Override
    public synchronized void join(Conference target, ParticipantRole role) {
        checkOpen();
        if (!(target instanceof ConferenceHook hook)) {
            throw new IllegalArgumentException("not a conference of this bridge");
        }
        if (hook.isClosed()) {
            throw new IllegalStateException(hook + " is closed");
        }
        this.role = Objects.requireNonNull(role, "role");
        if (conference == hook) {
            return;
        }
        leaveLocked();
        conference = hook;
        synchronized (playoutLock) {
            owner = hook;
        }
        hook.attach(this);
    }

    @Override
    public synchronized void leave() {
        checkOpen();
        leaveLocked();
    }

    private void leaveLocked() {
        ConferenceHook c = conference;
        if (c == null) {
            return;
        }
        conference = null;
        synchronized (playoutLock) {
            owner = SOLO;
        }
        c.detach(this);
    }

    @Override
    public Conference conference() {
        return conference;
    }

    /** Role given at the last join, or null. */
    public ParticipantRole role() {
        return role;
    }

    @Override
    public void setMuted(boolean muted) {
        checkOpen();
        this.muted = muted;
    }

    @Override
    public boolean muted() {
        return muted;
    }

    @Override
    public void injectDtmf(char digit, int durationMs, DtmfSource source) {
        checkOpen();
        DtmfEvent event = new DtmfEvent(digit, durationMs, source); // validates the digit now
        events.execute(() -> listener.onDtmf(this, event));
    }

    @Override
    public LegStats stats() {
        MediaSession s = session;
        long dropped = 0;
        for (int i = 0; i < drops.length(); i++) {
            dropped += drops.get(i);
        }
        long fec;
        long concealed;
        synchronized (playoutLock) {
            fec = playout == null ? 0 : playout.fecRecovered();
            concealed = playout == null ? 0 : playout.concealed();
        }
        return new LegStats(s == null ? null : s.codec().name(), receiver.packetsReceived(),
                sender == null ? 0 : sender.packetsSent, receiver.packetsLost(), dropped, receiver.jitterMs(), fec,
                concealed);
    }

    /** Received SRTP/SRTCP packets refused with {@code status} (for metrics and tests). */
    public long srtpRefused(SrtpStatus status) {
        return srtp.refused(status);
    }

    /** Whether this leg's media is protected now, or waits for keys: the SRTP mode. */
    public LegSrtp.Mode srtpMode() {
        return srtp.mode();
    }

    LegSrtp srtp() {
        return srtp;
    }

    DtlsNegotiation dtls() {
        return dtls;
    }

    /** Packets dropped for one reason (for metrics and tests). */
    public long drops(DropReason reason) {
        return drops.get(reason.ordinal());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            leaveLocked();
        }
        finished(prompt.getAndSet(null), false);
        if (soloTask != null) {
            soloTask.cancel();
        }
        synchronized (this) {
            security.close(); // wipes SRTP keys, closes DTLS (close_notify)
            if (tcp != null) {
                tcp.close();
            }
        }
        receiver.stop();
        synchronized (playoutLock) {
            if (playout != null) {
                playout.release();
            }
        }
        PreparedCodecs unused = prepared.getAndSet(null);
        if (unused != null) {
            unused.release();
        }
        onClose.accept(this);
    }

    public boolean isClosed() {
        return closed.get();
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("leg " + id + " is closed");
        }
    }

    // ---- play-out, called by the owning conference's thread through its mixer slot ----

    /**
     * Fills {@code samples} samples at {@code rateHz} (the leg's codec rate, {@link #codec()})
     * for conference {@code by}.
     *
     * @return false when {@code by} does not own the leg now, nothing was received, muted, the
     *     peer holds the call, or the codec rate is no longer {@code rateHz}
     */
    public boolean readFrame(Object by, short[] frame, int samples, int rateHz) {
        synchronized (playoutLock) {
            if (owner != by || playout == null) {
                return false;
            }
            boolean audio = playout.pull(frame, samples, rateHz, ctx.clock().getAsLong());
            // A peer that put us on hold (its offer said sendonly: we only receive) sends music on
            // hold; the meeting must not hear it.
            MediaSession s = session;
            return audio && !muted && s != null && s.direction() != Direction.RECVONLY;
        }
    }

    /** The codec the mix must be encoded with for this leg (PCMU before negotiation). */
    public AudioCodec codec() {
        MediaSession s = session;
        return s == null ? AudioCodec.PCMU : s.codec();
    }

    /** How the peer wants to receive Opus, or null. */
    public OpusParameters peerOpus() {
        MediaSession s = session;
        return s == null ? null : s.peerOpus();
    }

    /** Whether conference {@code by} should send the mix to this leg now. */
    public boolean receiving(Object by) {
        synchronized (playoutLock) {
            return owner == by && playout != null && playout.canSend() && prompt.get() == null && tone.get() == null;
        }
    }

    /** Sends an encoded mix frame in {@code codec} covering {@code ptimeMs}. */
    public void writeFrame(Object by, AudioCodec codec, byte[] payload, int offset, int length, int ptimeMs) {
        synchronized (playoutLock) {
            if (owner != by || playout == null || codec != codec()) {
                return; // encoded for a codec renegotiated away meanwhile: the tick stays silent
            }
            playout.sendPayload(payload, offset, length, codec.rtpUnits(codec.samplesPer(ptimeMs)),
                    ctx.clock().getAsLong());
        }
    }

    /** Called by the owning conference after every mixer tick of {@code ptimeMs}. */
    public void afterMix(Object by, int ptimeMs) {
        synchronized (playoutLock) {
            if (owner != by || playout == null) {
                return;
            }
            playout.endTick(ptimeMs, ctx.clock().getAsLong(), false);
        }
    }

    /** Lost packets rebuilt from Opus FEC (for tests and metrics). */
    public long fecRecovered() {
        synchronized (playoutLock) {
            return playout == null ? 0 : playout.fecRecovered();
        }
    }

    /**
     * Frames this leg's own encoder encoded for prompts, tones or silence: those without a
     * shared encoding ({@link EncodedPlaybackCache}); for tests.
     */
    public long ownEncodes() {
        synchronized (playoutLock) {
            return playout == null ? 0 : playout.ownEncodes();
        }
    }

    /** Lost or late packets filled by loss concealment instead (for tests and metrics). */
    public long concealed() {
        synchronized (playoutLock) {
            return playout == null ? 0 : playout.concealed();
        }
    }

    private void soloTick() {
        synchronized (playoutLock) {
            if (owner != SOLO || playout == null || closed.get()) {
                return;
            }
            playout.soloTick(SOLO_PTIME_MS, ctx.clock().getAsLong());
        }
    }

    // ---- shared with receiver and play-out ----

    MediaSession session() {
        return session;
    }

    long ssrc() {
        return ssrc;
    }

    RtpSender sender() {
        return sender;
    }

    Channel rtcpChannel() {
        return rtcpChannel;
    }

    /** The channels, for the bridge to close them. */
    public Channel[] channels() {
        return new Channel[] {rtpChannel, rtcpChannel};
    }

    /** Where media goes: the TCP peer while a TCP session is connected (null before), else the UDP target. */
    InetSocketAddress sendTarget() {
        TcpMediaLink link = tcpLink();
        if (link != null) {
            return link.remote();
        }
        return receiver.sendTarget();
    }

    void drop(DropReason reason) {
        drops.incrementAndGet(reason.ordinal());
    }

    /**
     * Called by the receive path on the first valid RFC 4733 packet. From then on this leg's
     * in-band detector stays quiet: the peer signals digits as events, and a phone that also
     * leaves the tones in its audio would otherwise be heard twice.
     */
    void markTelephoneEvents() {
        telephoneEventsSeen = true;
    }

    /** Whether RFC 4733 telephone-events arrived on this leg (for tests). */
    public boolean sawTelephoneEvents() {
        return telephoneEventsSeen;
    }

    void emitDtmf(char digit, int durationMs, DtmfSource source) {
        if (closed.get() || sameKeyOtherSource(digit, source)) {
            return;
        }
        DtmfEvent event = new DtmfEvent(digit, durationMs, source);
        events.execute(() -> listener.onDtmf(this, event));
    }

    /**
     * Whether an RFC 4733 / in-band digit repeats the other of the two within
     * {@value #INBAND_SUPPRESS_MS} ms: one key press that arrived both ways. Called from the
     * event loop (RFC 4733) and the play-out thread (in-band); DTMF is rare, a lock is fine.
     */
    private boolean sameKeyOtherSource(char digit, DtmfSource source) {
        // Its own lock, not the leg's monitor: API methods hold that while taking the play-out
        // lock, and the in-band detector calls here with the play-out lock held.
        synchronized (lastDigitLock) {
            long now = ctx.clock().getAsLong();
            boolean duplicate = source != DtmfSource.SIP_INFO && lastDigitSource != null
                    && lastDigitSource != DtmfSource.SIP_INFO && lastDigitSource != source && lastDigit == digit
                    && now - lastDigitNanos < INBAND_SUPPRESS_MS * 1_000_000L;
            if (!duplicate && source != DtmfSource.SIP_INFO) {
                lastDigit = digit;
                lastDigitSource = source;
                lastDigitNanos = now;
            }
            return duplicate;
        }
    }

    /**
     * A digit from the in-band detector. Phones that send RFC 4733 events sometimes leave the
     * tones in the audio as well; the detector reports those after the events' end packets
     * (it hears them through the jitter buffer), so an in-band digit within
     * {@value #INBAND_SUPPRESS_MS} ms of a telephone-event packet is the same key press and is
     * dropped.
     */
    void emitInbandDtmf(char digit, int durationMs) {
        if (receiver.telephoneEventSince(ctx.clock().getAsLong(), INBAND_SUPPRESS_MS * 1_000_000L)) {
            return;
        }
        emitDtmf(digit, durationMs, DtmfSource.INBAND);
    }

    void fireMediaTimeout() {
        if (closed.get()) {
            return;
        }
        log.info("leg {} (call {}): no media for {}", id, options.callId(), ctx.config().mediaTimeout());
        events.execute(() -> listener.onMediaTimeout(this));
    }

    Playback currentPrompt() {
        return prompt.get();
    }

    Playback currentTone() {
        return tone.get();
    }

    void promptEnded(Playback p) {
        if (prompt.compareAndSet(p, null)) {
            finished(p, true);
        }
    }

    void toneEnded(Playback t) {
        tone.compareAndSet(t, null);
    }

    private void finished(Playback p, boolean completed) {
        if (p != null && p.notifies() && p.finish()) {
            events.execute(() -> listener.onPlaybackFinished(this, completed));
        }
    }

    @Override
    public String toString() {
        return "leg " + id + " (call " + options.callId() + ", port " + rtpPort + ")";
    }
}
