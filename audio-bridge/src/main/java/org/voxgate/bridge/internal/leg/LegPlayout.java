package org.voxgate.bridge.internal.leg;

import java.net.InetSocketAddress;
import java.util.Arrays;

import org.voxgate.bridge.internal.codec.G711;
import org.voxgate.bridge.internal.codec.G711Plc;
import org.voxgate.bridge.internal.dtmf.InbandDtmfDetector;
import org.voxgate.bridge.internal.jitter.JitterBuffer;
import org.voxgate.bridge.internal.rtp.DropReason;
import org.voxgate.bridge.internal.sdp.MediaSession;

/**
 * The play-out side of a leg: hand-off queue to jitter buffer, G.711 decode with concealment,
 * in-band DTMF detection, prompt and tone rendering, encode and send. Every method runs with the
 * leg's play-out lock held, on a media clock thread (the leg's own outside a conference, the
 * conference's inside one). Buffers are preallocated.
 */
final class LegPlayout {
    static final int MAX_PAYLOAD_BYTES = 512;
    private static final int MAX_FRAME_SAMPLES = 480; // 60 ms at 8 kHz

    private final DefaultMediaLeg leg;
    private final LegContext ctx;
    private final PacketHandoff handoff;
    private final RtpSender sender;
    private final G711Plc plc = new G711Plc();
    private final InbandDtmfDetector inband;
    private final byte[] payload = new byte[MAX_PAYLOAD_BYTES];
    private final short[] fifo = new short[MAX_FRAME_SAMPLES + 2 * MAX_PAYLOAD_BYTES];
    private final short[] pcm = new short[MAX_FRAME_SAMPLES];
    private final short[] inFrame = new short[MAX_FRAME_SAMPLES];
    private final byte[] encoded = new byte[MAX_FRAME_SAMPLES];
    private int fifoLength;

    private long sessionGeneration = -1;
    private JitterBuffer jitter;
    private G711 law = G711.PCMU;
    private int packetSamples = 160;
    private boolean inbandActive;
    private boolean sentThisTick;

    LegPlayout(DefaultMediaLeg leg, LegContext ctx, PacketHandoff handoff, RtpSender sender, boolean inbandDtmf) {
        this.leg = leg;
        this.ctx = ctx;
        this.handoff = handoff;
        this.sender = sender;
        this.inband = inbandDtmf
                ? new InbandDtmfDetector(G711.CLOCK_RATE_HZ, (digit, ms) -> leg.emitInbandDtmf(digit, ms))
                : null;
    }

    /**
     * Fills {@code out} with {@code samples} samples of the peer's audio at 8 kHz.
     *
     * @return true when it holds received or concealed audio, false for silence (nothing yet,
     *     idle stream, no session)
     */
    boolean pull(short[] out, int samples, long now) {
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
                plc.reset();
                fifoLength = 0;
            }
            DropReason r = jitter.insert(handoff.polledSeq, handoff.polledTimestamp, payload, 0, handoff.polledLength,
                    handoff.polledArrival);
            if (r != null) {
                leg.drop(r);
            }
        }
        boolean audio = fifoLength > 0;
        while (fifoLength < samples) {
            int n = jitter.poll(now, payload);
            if (n >= 0) {
                n = Math.min(n, fifo.length - fifoLength);
                law.decode(payload, 0, fifo, fifoLength, n);
                plc.onGoodFrame(fifo, fifoLength, n);
                fifoLength += n;
                packetSamples = n > 0 ? n : packetSamples;
                audio = true;
            } else if (n == JitterBuffer.LOST) {
                int k = Math.min(packetSamples, fifo.length - fifoLength);
                plc.conceal(fifo, fifoLength, k);
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
        if (audio && inbandActive && !leg.sawTelephoneEvents()) {
            inband.process(out, 0, samples);
        }
        return audio;
    }

    private void reconfigure(MediaSession s) {
        boolean codecChanged = jitter == null || s.codec() != law || s.ptimeMs() * 8 != packetSamples;
        sessionGeneration = s.generation();
        law = s.codec();
        // In-band detection runs even when telephone-event was negotiated: many gateways
        // negotiate it and still send tones in the audio. It stops once events arrive.
        inbandActive = inband != null;
        if (codecChanged) {
            packetSamples = s.samplesPerPacket();
            jitter = new JitterBuffer(G711.CLOCK_RATE_HZ, s.ptimeMs(), ctx.config().jitterMinMs(),
                    ctx.config().jitterMaxMs(), MAX_PAYLOAD_BYTES);
            plc.reset();
            fifoLength = 0;
        }
    }

    /** Whether RTP may go out now: negotiated, a destination known, direction allows sending. */
    boolean canSend() {
        MediaSession s = leg.session();
        return s != null && s.direction().sends() && leg.sendTarget() != null;
    }

    /** Encodes and sends {@code samples} samples of 8 kHz PCM. */
    void sendPcm(short[] frame, int samples, long now) {
        MediaSession s = leg.session();
        s.codec().encode(frame, 0, encoded, 0, samples);
        sendPayload(encoded, 0, samples, samples, now);
    }

    /** Sends an encoded frame of {@code samples} samples. */
    void sendPayload(byte[] data, int offset, int length, int samples, long now) {
        MediaSession s = leg.session();
        InetSocketAddress target = leg.sendTarget();
        if (s == null || target == null || !s.direction().sends()) {
            sender.skip(samples);
        } else {
            sender.send(target, s.payloadType(), data, offset, length, samples, now);
        }
        sentThisTick = true;
    }

    /**
     * Ends a tick: when nothing was sent, plays prompts or tones if any, else (outside a
     * conference, {@code fillSilence}) sends silence, else lets the timestamp run on.
     */
    void endTick(int samples, long now, boolean fillSilence) {
        if (!sentThisTick) {
            if (canSend() && renderPlayback(pcm, samples)) {
                sendPcm(pcm, samples, now);
            } else if (canSend() && fillSilence) {
                Arrays.fill(pcm, 0, samples, (short) 0);
                sendPcm(pcm, samples, now);
            } else {
                sender.skip(samples);
            }
        }
        sentThisTick = false;
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
        if (p != null) {
            any = p.render(out, samples, true);
            if (p.atEnd()) {
                leg.promptEnded(p);
            }
        }
        if (t != null) {
            any |= t.render(out, samples, true);
            if (t.atEnd()) {
                leg.toneEnded(t);
            }
        }
        return any;
    }

    /** One tick outside a conference: keep the receive path flowing, send prompts or silence. */
    void soloTick(int samples, long now) {
        pull(inFrame, samples, now);
        endTick(samples, now, true);
    }
}
