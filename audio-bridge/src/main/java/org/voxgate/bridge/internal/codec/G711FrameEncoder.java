package org.voxgate.bridge.internal.codec;

import org.voxgate.bridge.internal.mix.FrameEncoder;
import org.voxgate.bridge.internal.resample.Resampler;

/**
 * G.711 encoder for the mixer. At an 8 kHz mix G.711 is stateless, so every listener of one law
 * at one frame size shares one encoding per tick. At 16 or 48 kHz the mix is first resampled to
 * 8 kHz by a {@link Resampler} that keeps filter state, so each encoder is its own sharing group
 * (the {@link FrameEncoder} contract for stateful encoders).
 */
public final class G711FrameEncoder implements FrameEncoder {
    private final G711 law;
    private final int samplesPerFrame;
    private final int mixSamplesPerFrame;
    private final Object key;
    private final Resampler down;
    private final short[] pcm8k;

    private record Key(G711 law, int samplesPerFrame) {
    }

    /**
     * @param mixRateHz 8000, 16000 or 48000
     * @throws IllegalArgumentException for another rate
     */
    public G711FrameEncoder(G711 law, int mixRateHz, int ptimeMs) {
        this.law = law;
        this.samplesPerFrame = G711.CLOCK_RATE_HZ * ptimeMs / 1000;
        this.mixSamplesPerFrame = mixRateHz * ptimeMs / 1000;
        if (mixRateHz == G711.CLOCK_RATE_HZ) {
            this.down = null;
            this.pcm8k = null;
            this.key = new Key(law, samplesPerFrame);
        } else {
            this.down = new Resampler(mixRateHz, G711.CLOCK_RATE_HZ);
            this.pcm8k = new short[down.maxOutputSamples(mixSamplesPerFrame)];
            this.key = this;
        }
    }

    @Override
    public int encode(short[] pcm, byte[] out, int offset) {
        if (down == null) {
            law.encode(pcm, 0, out, offset, samplesPerFrame);
            return samplesPerFrame;
        }
        int n = down.process(pcm, 0, mixSamplesPerFrame, pcm8k, 0);
        law.encode(pcm8k, 0, out, offset, n);
        return n;
    }

    @Override
    public int maxPayloadBytes() {
        return samplesPerFrame;
    }

    @Override
    public Object sharingKey() {
        return key;
    }

    public G711 law() {
        return law;
    }
}
