package org.voxgate.bridge.internal.codec;

import org.voxgate.bridge.internal.mix.FrameEncoder;

/**
 * G.711 encoder for the mixer. Encodes a frame at the 8 kHz mix rate; G.711 is stateless, so
 * every listener of one law at one frame size shares one encoding per tick.
 */
public final class G711FrameEncoder implements FrameEncoder {
    private final G711 law;
    private final int samplesPerFrame;
    private final Key key;

    private record Key(G711 law, int samplesPerFrame) {
    }

    /**
     * @param mixRateHz only 8000 until a resampler is wired in
     * @throws IllegalArgumentException for another rate
     */
    public G711FrameEncoder(G711 law, int mixRateHz, int ptimeMs) {
        if (mixRateHz != G711.CLOCK_RATE_HZ) {
            throw new IllegalArgumentException("G.711 encoder needs an 8000 Hz mix, was " + mixRateHz);
        }
        this.law = law;
        this.samplesPerFrame = mixRateHz * ptimeMs / 1000;
        this.key = new Key(law, samplesPerFrame);
    }

    @Override
    public int encode(short[] pcm, byte[] out, int offset) {
        law.encode(pcm, 0, out, offset, samplesPerFrame);
        return samplesPerFrame;
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
