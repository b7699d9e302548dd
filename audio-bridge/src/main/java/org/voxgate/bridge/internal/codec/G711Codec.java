package org.voxgate.bridge.internal.codec;

/** {@link AudioEncoder} and {@link AudioDecoder} of G.711 (stateless, 8 kHz, one octet a sample). */
public final class G711Codec {
    private G711Codec() {}

    /** Stateless: may be shared by any number of streams. */
    public static AudioEncoder encoder(G711 law) {
        return new AudioEncoder() {
            @Override
            public int sampleRateHz() {
                return G711.CLOCK_RATE_HZ;
            }

            @Override
            public int encode(short[] pcm, int offset, int samples, byte[] out, int outOffset) {
                law.encode(pcm, offset, out, outOffset, samples);
                return samples;
            }

            @Override
            public int maxPayloadBytes(int samples) {
                return samples;
            }

            @Override
            public void reset() {
                // no state
            }
        };
    }

    /** A decoder with {@link G711Plc} concealment (stateful through the concealment history). */
    public static AudioDecoder decoder(G711 law) {
        return new AudioDecoder() {
            private final G711Plc plc = new G711Plc();

            @Override
            public int sampleRateHz() {
                return G711.CLOCK_RATE_HZ;
            }

            @Override
            public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset) {
                law.decode(payload, offset, pcm, pcmOffset, length);
                plc.onGoodFrame(pcm, pcmOffset, length);
                return length;
            }

            @Override
            public int samplesIn(byte[] payload, int offset, int length) {
                return length;
            }

            @Override
            public void conceal(short[] pcm, int offset, int samples) {
                plc.conceal(pcm, offset, samples);
            }

            @Override
            public void reset() {
                plc.reset();
            }
        };
    }
}
