package org.voxgate.lab.load;

import java.util.EnumMap;
import java.util.Map;

import org.voxgate.lab.g711.ALawCodec;
import org.voxgate.lab.g711.MuLawCodec;

/**
 * The 20 ms payloads the generator sends, in one codec: a 1 kHz test tone for talkers, silence
 * for the rest. Encoded once per codec and shared by every leg (the send thread serves hundreds
 * of legs every 20 ms and allocates nothing per packet). A 20 ms frame holds exactly 20 periods
 * of the tone at 8 and at 48 kHz, so every PCM frame is the same: G.711 sends one encoded frame
 * again and again; Opus, whose frames depend on the encoder's state, a loop of
 * {@link #OPUS_LOOP_FRAMES} frames encoded after a warm-up (32 kb/s, VoIP application, no FEC).
 */
final class RtpToneSource {
    /** The talkers' tone. */
    static final int TONE_HZ = 1000;
    /** About -12 dBov. */
    private static final double AMPLITUDE = 8000;
    /** G.711 samples per 20 ms frame (kept for the PCMU helpers below). */
    static final int SAMPLES = 160;
    /** Opus frames encoded and looped (1 s); the warm-up frames before them are thrown away. */
    static final int OPUS_LOOP_FRAMES = 50;
    private static final int OPUS_WARMUP_FRAMES = 25;
    static final int OPUS_BITRATE = 32_000;

    private static final Map<LoadCodec, RtpToneSource> BY_CODEC = new EnumMap<>(LoadCodec.class);

    private final LoadCodec codec;
    private final byte[][] tone;
    private final byte[][] silence;

    private RtpToneSource(LoadCodec codec, byte[][] tone, byte[][] silence) {
        this.codec = codec;
        this.tone = tone;
        this.silence = silence;
    }

    /**
     * The frames of {@code codec}, encoded on the first call.
     *
     * @throws IllegalStateException for Opus when libopus cannot be loaded
     */
    static synchronized RtpToneSource of(LoadCodec codec) {
        RtpToneSource s = BY_CODEC.get(codec);
        if (s == null) {
            s = encode(codec);
            BY_CODEC.put(codec, s);
        }
        return s;
    }

    /** One 20 ms frame of the tone (or of silence) as 16-bit PCM at {@code sampleRateHz}. */
    static short[] pcmFrame(int sampleRateHz, boolean tone) {
        short[] pcm = new short[sampleRateHz / LoadCodec.FRAMES_PER_SECOND];
        if (tone) {
            for (int i = 0; i < pcm.length; i++) {
                pcm[i] = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * TONE_HZ * i / (double) sampleRateHz));
            }
        }
        return pcm;
    }

    private static RtpToneSource encode(LoadCodec codec) {
        if (codec == LoadCodec.OPUS) {
            return new RtpToneSource(codec, opusLoop(true), opusLoop(false));
        }
        return new RtpToneSource(codec, new byte[][] {g711(codec, pcmFrame(8000, true))},
                new byte[][] {g711(codec, pcmFrame(8000, false))});
    }

    private static byte[] g711(LoadCodec codec, short[] pcm) {
        byte[] out = new byte[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = codec == LoadCodec.PCMA ? ALawCodec.encode(pcm[i]) : MuLawCodec.encode(pcm[i]);
        }
        return out;
    }

    private static byte[][] opusLoop(boolean tone) {
        short[] pcm = pcmFrame(LabOpus.SAMPLE_RATE_HZ, tone);
        byte[][] frames = new byte[OPUS_LOOP_FRAMES][];
        try (LabOpus.Encoder encoder = new LabOpus.Encoder(OPUS_BITRATE, 0)) {
            for (int i = 0; i < OPUS_WARMUP_FRAMES; i++) {
                encoder.encode(pcm);
            }
            for (int i = 0; i < OPUS_LOOP_FRAMES; i++) {
                frames[i] = encoder.encode(pcm);
            }
        }
        return frames;
    }

    LoadCodec codec() {
        return codec;
    }

    /** The tone payload for the {@code frame}-th packet of a leg (frame >= 0). */
    byte[] tone(long frame) {
        return tone[(int) (frame % tone.length)];
    }

    /** The silence payload for the {@code frame}-th packet of a leg (frame >= 0). */
    byte[] silence(long frame) {
        return silence[(int) (frame % silence.length)];
    }

    /** Frames in the loop (1 for G.711). */
    int loopFrames() {
        return tone.length;
    }

    /** One PCMU tone frame (160 bytes). */
    static byte[] tone() {
        return of(LoadCodec.PCMU).tone(0);
    }

    /** One PCMU silence frame (160 bytes). */
    static byte[] silence() {
        return of(LoadCodec.PCMU).silence(0);
    }
}
