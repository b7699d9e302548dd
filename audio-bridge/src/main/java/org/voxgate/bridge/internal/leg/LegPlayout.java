package org.voxgate.bridge.internal.leg;

import java.net.InetSocketAddress;
import java.util.Arrays;

import org.voxgate.bridge.internal.codec.AudioCodec;
import org.voxgate.bridge.internal.codec.AudioDecoder;
import org.voxgate.bridge.internal.codec.AudioEncoder;
import org.voxgate.bridge.internal.dtmf.InbandDtmfDetector;
import org.voxgate.bridge.internal.jitter.JitterBuffer;
import org.voxgate.bridge.internal.rtp.DropReason;
import org.voxgate.bridge.internal.sdp.MediaSession;

/**
 * The play-out side of a leg: hand-off queue to jitter buffer, decode with concealment (or Opus
 * FEC recovery), in-band DTMF detection, prompt and tone rendering, encode and send. Audio runs
 * at the negotiated codec's rate (8 kHz G.711, 16 kHz G.722 and L16, 48 kHz Opus). Every method
 * runs with the leg's play-out lock held, on a media clock thread (the leg's own outside a
 * conference, the conference's inside one). Buffers are preallocated; codec objects are made
 * only when the negotiated codec changes.
 */
final class LegPlayout {
    /** Largest RTP payload held (an Ethernet MTU). */
    static final int MAX_PAYLOAD_BYTES = 1500;
    /** 60 ms at 48 kHz. */
    static final int MAX_FRAME_SAMPLES = 2880;
    /** 120 ms at 48 kHz: the longest Opus packet. */
    private static final int MAX_PACKET_SAMPLES = 5760;
    /** Packets of another duration than the jitter buffer expects, in a row, before it is rebuilt. */
    private static final int PTIME_MISMATCH_PACKETS = 3;

    private final DefaultMediaLeg leg;
    private final LegContext ctx;
    private final PacketHandoff handoff;
    private final RtpSender sender;
    private final boolean inbandWanted;
    private final byte[] payload = new byte[MAX_PAYLOAD_BYTES];
    private final byte[] next = new byte[MAX_PAYLOAD_BYTES];
    private final short[] fifo = new short[MAX_FRAME_SAMPLES + MAX_PACKET_SAMPLES];
    private final short[] pcm = new short[MAX_FRAME_SAMPLES];
    private final short[] inFrame = new short[MAX_FRAME_SAMPLES];
    private final byte[] encoded = new byte[MAX_PAYLOAD_BYTES];
    private int fifoLength;

    private long sessionGeneration = -1;
    private JitterBuffer jitter;
    private AudioCodec codec = AudioCodec.PCMU;
    private AudioDecoder decoder;
    private AudioEncoder encoder;
    private InbandDtmfDetector inband;
    private int packetSamples = 160;
    private int jitterPtimeMs;
    private int mismatchedPackets;
    private int mismatchedPtimeMs;
    private boolean dtxSkip;
    private boolean sentThisTick;
    private long fecRecovered;
    private long ownEncodes;
    private long concealed;

    LegPlayout(DefaultMediaLeg leg, LegContext ctx, PacketHandoff handoff, RtpSender sender, boolean inbandDtmf) {
        this.leg = leg;
        this.ctx = ctx;
        this.handoff = handoff;
        this.sender = sender;
        this.inbandWanted = inbandDtmf;
    }

    /** Audio rate of the negotiated codec (8 kHz before any negotiation). */
    int sampleRateHz() {
        return codec.sampleRateHz();
    }

    /**
     * Fills {@code out} with {@code samples} samples of the peer's audio at {@code rateHz}.
     *
     * @return true when it holds received or concealed audio, false for silence (nothing yet,
     *     idle stream, no session, or the codec rate changed and differs from {@code rateHz})
     */
    boolean pull(short[] out, int samples, int rateHz, long now) {
        MediaSession s = leg.session();
        if (s == null) {
            while (handoff.poll(payload)) {
                // no session yet: nothing may play
            }
            Arrays.fill(out, 0, samples, (short) 0);
            return false;
        }
        if (s.generation() != sessionGeneration) {
            reconfigure(s);
        }
        while (handoff.poll(payload)) {
            if (handoff.polledNewStream) {
                jitter.reset();
                decoder.reset();
                fifoLength = 0;
            }
            checkPacketDuration(handoff.polledLength);
            DropReason r = jitter.insert(handoff.polledSeq, handoff.polledTimestamp, payload, 0, handoff.polledLength,
                    handoff.polledArrival);
            if (r != null) {
                leg.drop(r);
            }
        }
        if (rateHz != codec.sampleRateHz()) {
            Arrays.fill(out, 0, samples, (short) 0); // the caller learns the new rate next tick
            return false;
        }
        boolean audio = fifoLength > 0;
        while (fifoLength < samples) {
            int n = jitter.poll(now, payload);
            if (n >= 0) {
                int room = fifo.length - fifoLength;
                int expected = decoder.samplesIn(payload, 0, n);
                int got = expected > 0 && expected <= room ? decoder.decode(payload, 0, n, fifo, fifoLength) : -1;
                if (got < 0) {
                    leg.drop(DropReason.UNDECODABLE);
                    got = Math.min(packetSamples, room);
                    decoder.conceal(fifo, fifoLength, got);
                } else if (got > 0) {
                    packetSamples = got;
                }
                fifoLength += got;
                audio = true;
            } else if (n == JitterBuffer.LOST) {
                int k = Math.min(packetSamples, fifo.length - fifoLength);
                int m = jitter.peekNext(next);
                int got = m > 0 ? decoder.recover(next, 0, m, fifo, fifoLength, k) : -1;
                if (got > 0) {
                    fecRecovered++;
                    k = got;
                } else {
                    concealed++;
                    decoder.conceal(fifo, fifoLength, k);
                }
                fifoLength += k;
                audio = true;
            } else {
                break;
            }
        }
        int take = Math.min(samples, fifoLength);
        System.arraycopy(fifo, 0, out, 0, take);
        if (take < samples) {
            Arrays.fill(out, take, samples, (short) 0);
        }
        System.arraycopy(fifo, take, fifo, 0, fifoLength - take);
        fifoLength -= take;
        if (audio && inband != null && !leg.sawTelephoneEvents()) {
            inband.process(out, 0, samples);
        }
        return audio;
    }

    /**
     * The jitter buffer counts in packets of one duration. A peer may send another ptime than
     * it signalled (a=ptime is only a wish); after a few packets of another duration the buffer
     * is rebuilt for it (10, 20, 30, 40 and 60 ms are handled).
     */
    private void checkPacketDuration(int length) {
        int samples = decoder.samplesIn(payload, 0, length);
        if (samples <= 0) {
            return;
        }
        int ms = samples * 1000 / codec.sampleRateHz();
        if (ms == jitterPtimeMs || ms < 10 || ms > 60) {
            mismatchedPackets = 0;
            return;
        }
        if (ms != mismatchedPtimeMs) {
            mismatchedPtimeMs = ms;
            mismatchedPackets = 0;
        }
        if (++mismatchedPackets >= PTIME_MISMATCH_PACKETS) {
            jitter = newJitterBuffer(ms);
            mismatchedPackets = 0;
        }
    }

    private JitterBuffer newJitterBuffer(int ptimeMs) {
        jitterPtimeMs = ptimeMs;
        int minMs = jitterMinMs(codec, ctx.config());
        return new JitterBuffer(codec.rtpClockRateHz(), ptimeMs, minMs,
                Math.max(Math.max(ctx.config().jitterMaxMs(), 2 * ptimeMs), minMs), MAX_PAYLOAD_BYTES);
    }

    /**
     * The jitter buffer floor for a codec: an Opus leg whose answer asked for in-band FEC
     * (ours always does) buffers at least {@code opusFecJitterMinMs}, so that when a packet is
     * lost the next one, which carries its FEC copy, is already there to rebuild it from.
     */
    static int jitterMinMs(AudioCodec codec, org.voxgate.bridge.BridgeConfig config) {
        if (codec == AudioCodec.OPUS && org.voxgate.bridge.internal.codec.OpusParameters.OURS.useInbandFec()) {
            return Math.max(config.jitterMinMs(), config.opusFecJitterMinMs());
        }
        return config.jitterMinMs();
    }

    private void reconfigure(MediaSession s) {
        boolean codecChanged = jitter == null || s.codec() != codec || s.ptimeMs() != jitterPtimeMs
                || (s.codec() == AudioCodec.OPUS && !java.util.Objects.equals(s.peerOpus(), opusOfEncoder));
        sessionGeneration = s.generation();
        dtxSkip = s.peerOpus() != null && s.peerOpus().useDtx();
        DefaultMediaLeg.PreparedCodecs prepared = leg.takePrepared(s);
        if (!codecChanged) {
            if (prepared != null) {
                prepared.release();
            }
            return;
        }
        boolean rateChanged = decoder == null || s.codec().sampleRateHz() != codec.sampleRateHz();
        codec = s.codec();
        AudioCodec.release(decoder);
        AudioCodec.release(encoder);
        // Opus states come made by the signalling thread (libopus allocation and set-up off the clock)
        decoder = prepared != null ? prepared.decoder() : codec.newDecoder();
        encoder = prepared != null ? prepared.encoder() : codec.newEncoder(s.peerOpus());
        opusOfEncoder = s.peerOpus();
        packetSamples = s.samplesPerPacket();
        jitter = newJitterBuffer(s.ptimeMs());
        mismatchedPackets = 0;
        fifoLength = 0;
        // In-band detection runs even when telephone-event was negotiated: many gateways
        // negotiate it and still send tones in the audio. It stops once events arrive.
        if (inbandWanted && (inband == null || rateChanged)) {
            inband = new InbandDtmfDetector(codec.sampleRateHz(), (digit, ms) -> leg.emitInbandDtmf(digit, ms));
        }
    }

    private org.voxgate.bridge.internal.codec.OpusParameters opusOfEncoder;

    /** Whether RTP may go out now: negotiated, a destination known, direction allows sending. */
    boolean canSend() {
        MediaSession s = leg.session();
        return s != null && s.direction().sends() && leg.sendTarget() != null;
    }

    /** Encodes with the leg's own encoder and sends {@code samples} samples at the codec rate. */
    void sendPcm(short[] frame, int samples, long now) {
        ownEncodes++;
        int n = encoder.encode(frame, 0, samples, encoded, 0);
        int units = codec.rtpUnits(samples);
        if (n <= 0) {
            sender.skip(units);
            sentThisTick = true;
            return;
        }
        sendPayload(encoded, 0, n, units, now);
    }

    /** Sends an encoded frame covering {@code rtpUnits} RTP timestamp units. */
    void sendPayload(byte[] data, int offset, int length, int rtpUnits, long now) {
        MediaSession s = leg.session();
        InetSocketAddress target = leg.sendTarget();
        if (s == null || target == null || !s.direction().sends() || (dtxSkip && length <= 2)) {
            // An Opus DTX frame of one or two bytes is not sent (RFC 7587 section 3.1.3).
            sender.skip(rtpUnits);
        } else {
            sender.send(target, s.payloadType(), data, offset, length, rtpUnits, now);
        }
        sentThisTick = true;
    }

    /**
     * Ends a tick of {@code ptimeMs}: when nothing was sent, plays prompts or tones if any, else
     * (outside a conference, {@code fillSilence}) sends silence, else lets the timestamp run on.
     */
    void endTick(int ptimeMs, long now, boolean fillSilence) {
        int samples = codec.samplesPer(ptimeMs);
        if (!sentThisTick) {
            boolean send = encoder != null && canSend();
            if (send && sendEncodedPlayback(samples, now)) {
                // a shared frame of the prompt or tone went out: this leg's encoder did not run
                sentThisTick = true;
            } else if (send && renderPlayback(pcm, samples)) {
                sendPcm(pcm, samples, now);
            } else if (send && fillSilence) {
                EncodedFrames silence = leg.encodedSilence();
                if (silence != null && silence.frames() > 0 && silence.fits(codec, opusOfEncoder, samples)) {
                    sendPayload(silence.data(), silence.offset(0), silence.length(0), codec.rtpUnits(samples), now);
                } else {
                    Arrays.fill(pcm, 0, samples, (short) 0);
                    sendPcm(pcm, samples, now);
                }
            } else {
                sender.skip(codec.rtpUnits(samples));
            }
        }
        sentThisTick = false;
    }

    /**
     * Sends the next frame of the prompt or tone from its shared encoding
     * ({@link EncodedPlaybackCache}) when exactly one of them plays, its frames fit this
     * stream (codec, Opus parameters, tick length) and it is at a frame boundary.
     *
     * @return false when it sent nothing (the caller renders and encodes PCM instead)
     */
    private boolean sendEncodedPlayback(int samples, long now) {
        Playback p = leg.currentPrompt();
        Playback t = leg.currentTone();
        Playback only = p == null ? t : (t == null ? p : null);
        if (only == null || only.sampleRateHz() != codec.sampleRateHz()) {
            return false;
        }
        EncodedFrames e = only.encoded();
        int i = e == null || !e.fits(codec, opusOfEncoder, samples) ? -1 : only.encodedFrame(samples);
        if (i < 0) {
            return false;
        }
        sendPayload(e.data(), e.offset(i), e.length(i), codec.rtpUnits(samples), now);
        only.advance(samples);
        if (only.atEnd()) {
            if (only == p) {
                leg.promptEnded(p);
            } else {
                leg.toneEnded(t);
            }
        }
        return true;
    }

    /** Writes the current prompt and tone into {@code out}; false when neither plays. */
    boolean renderPlayback(short[] out, int samples) {
        Playback p = leg.currentPrompt();
        Playback t = leg.currentTone();
        if (p == null && t == null) {
            return false;
        }
        Arrays.fill(out, 0, samples, (short) 0);
        boolean any = false;
        int rate = codec.sampleRateHz();
        if (p != null) {
            // A prompt rendered for another rate (the codec changed while it played) ends.
            any = p.sampleRateHz() == rate && p.render(out, samples, true);
            if (p.atEnd() || p.sampleRateHz() != rate) {
                leg.promptEnded(p);
            }
        }
        if (t != null) {
            any |= t.sampleRateHz() == rate && t.render(out, samples, true);
            if (t.atEnd() || t.sampleRateHz() != rate) {
                leg.toneEnded(t);
            }
        }
        return any;
    }

    /** One tick of {@code ptimeMs} outside a conference: keep receiving, send prompts or silence. */
    void soloTick(int ptimeMs, long now) {
        MediaSession s = leg.session();
        int rate = s == null ? codec.sampleRateHz() : s.codec().sampleRateHz();
        pull(inFrame, rate * ptimeMs / 1000, rate, now);
        endTick(ptimeMs, now, true);
    }

    /** Lost packets rebuilt from the next packet's FEC (Opus). */
    long fecRecovered() {
        return fecRecovered;
    }

    /**
     * Lost packets (or underruns) filled by loss concealment (G.711 pitch repetition, G.722
     * concealment, libopus PLC) rather than FEC.
     */
    long concealed() {
        return concealed;
    }

    /**
     * Frames this leg's own encoder encoded (prompts, tones or silence that had no shared
     * encoding); the mixer's encodings of the conference audio are not counted.
     */
    long ownEncodes() {
        return ownEncodes;
    }

    /** Frees native codec state (the leg closed). */
    void release() {
        AudioCodec.release(decoder);
        AudioCodec.release(encoder);
        decoder = null;
        encoder = null;
        sessionGeneration = -1; // a late tick would make new ones (freed by the cleaner)
    }
}
