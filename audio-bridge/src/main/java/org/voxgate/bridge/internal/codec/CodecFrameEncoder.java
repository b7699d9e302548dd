package org.voxgate.bridge.internal.codec;

import java.util.Objects;

import org.voxgate.bridge.internal.mix.FrameEncoder;
import org.voxgate.bridge.internal.resample.Resampler;

/**
 * The mixer's encoder for one codec: resamples the mix to the codec's rate (band-limited, so a
 * narrowband listener of a 48 kHz mix gets no aliases) and encodes.
 *
 * <p>Sharing: all listeners with the same (codec, mix rate, ptime, Opus parameters) form one
 * group and receive one encoding per tick. Only G.711 and L16 at their own rate are stateless
 * and serve the group with the listener's own instance; everything else (a resampler, G.722's
 * ADPCM, Opus) gets a separate {@link #groupEncoder()} per group, fed every tick the group has a
 * listener, and {@link #continueFrom} hands its state to a listener that starts talking.
 */
public final class CodecFrameEncoder implements FrameEncoder {
    private final AudioCodec codec;
    private final int mixRateHz;
    private final int ptimeMs;
    private final OpusParameters opus;
    private final Key key;
    private final AudioEncoder encoder;
    private final Resampler down;
    private final short[] codecPcm;
    private final int mixSamples;
    private final int codecSamples;

    /** What makes two encoders produce the same bytes from the same mix. */
    private record Key(AudioCodec codec, int mixRateHz, int ptimeMs, OpusParameters opus) {
    }

    /**
     * @param opus the listener's Opus parameters (null unless Opus)
     * @throws IllegalArgumentException for a mix rate other than 8000, 16000, 48000
     * @throws IllegalStateException    for Opus when libopus is unavailable
     */
    public CodecFrameEncoder(AudioCodec codec, int mixRateHz, int ptimeMs, OpusParameters opus) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.mixRateHz = mixRateHz;
        this.ptimeMs = ptimeMs;
        this.opus = codec == AudioCodec.OPUS ? Objects.requireNonNull(opus, "opus") : null;
        this.key = new Key(codec, mixRateHz, ptimeMs, this.opus);
        this.encoder = codec.newEncoder(this.opus);
        this.mixSamples = mixRateHz * ptimeMs / 1000;
        this.codecSamples = codec.samplesPer(ptimeMs);
        if (mixRateHz == codec.sampleRateHz()) {
            this.down = null;
            this.codecPcm = null;
        } else {
            this.down = new Resampler(mixRateHz, codec.sampleRateHz());
            this.codecPcm = new short[Math.max(down.maxOutputSamples(mixSamples), codecSamples)];
        }
    }

    public AudioCodec codec() {
        return codec;
    }

    public int mixRateHz() {
        return mixRateHz;
    }

    public OpusParameters opus() {
        return opus;
    }

    /** Whether this encoder serves the listener with this codec, parameters and mix rate. */
    public boolean matches(AudioCodec c, int mixRate, OpusParameters o) {
        return codec == c && mixRateHz == mixRate && Objects.equals(opus, c == AudioCodec.OPUS ? o : null);
    }

    @Override
    public int encode(short[] pcm, byte[] out, int offset) {
        if (down == null) {
            return encoder.encode(pcm, 0, codecSamples, out, offset);
        }
        int n = down.process(pcm, 0, mixSamples, codecPcm, 0);
        return encoder.encode(codecPcm, 0, n, out, offset);
    }

    @Override
    public int maxPayloadBytes() {
        return encoder.maxPayloadBytes(codecSamples);
    }

    @Override
    public Object sharingKey() {
        return key;
    }

    @Override
    public boolean stateful() {
        return down != null || !codec.statelessEncoder();
    }

    @Override
    public FrameEncoder groupEncoder() {
        if (down == null && codec.statelessEncoder()) {
            return this;
        }
        return new CodecFrameEncoder(codec, mixRateHz, ptimeMs, opus);
    }

    @Override
    public void continueFrom(FrameEncoder shared) {
        if (!(shared instanceof CodecFrameEncoder s) || !s.key.equals(key) || s == this) {
            return;
        }
        if (down != null) {
            down.copyStateFrom(s.down);
        }
        if (encoder instanceof G722Encoder g) {
            g.copyFrom((G722Encoder) s.encoder);
        } else if (encoder instanceof OpusEncoder o) {
            o.copyFrom((OpusEncoder) s.encoder);
        }
    }

    @Override
    public void close() {
        AudioCodec.release(encoder);
    }
}
