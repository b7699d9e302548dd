package org.voxgate.bridge.internal.codec;

/**
 * L16 (RFC 3551 section 4.5.11): uncompressed 16-bit signed samples in network byte order, mono.
 * Bit-exact, so tests can measure the media path without codec noise.
 */
public final class L16Codec {
    private L16Codec() {}

    /** Stateless encoder at {@code sampleRateHz}. */
    public static AudioEncoder encoder(int sampleRateHz) {
        return new AudioEncoder() {
            @Override
            public int sampleRateHz() {
                return sampleRateHz;
            }

            @Override
            public int encode(short[] pcm, int offset, int samples, byte[] out, int outOffset) {
                for (int i = 0; i < samples; i++) {
                    short v = pcm[offset + i];
                    out[outOffset + 2 * i] = (byte) (v >> 8);
                    out[outOffset + 2 * i + 1] = (byte) v;
                }
                return 2 * samples;
            }

            @Override
            public int maxPayloadBytes(int samples) {
                return 2 * samples;
            }

            @Override
            public void reset() {
                // no state
            }
        };
    }

    /** Decoder at {@code sampleRateHz} with pitch-repetition concealment. */
    public static AudioDecoder decoder(int sampleRateHz) {
        return new AudioDecoder() {
            private final G711Plc plc = new G711Plc(sampleRateHz);

            @Override
            public int sampleRateHz() {
                return sampleRateHz;
            }

            @Override
            public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset) {
                int n = length / 2;
                for (int i = 0; i < n; i++) {
                    pcm[pcmOffset + i] = (short) ((payload[offset + 2 * i] << 8) | (payload[offset + 2 * i + 1] & 0xFF));
                }
                plc.onGoodFrame(pcm, pcmOffset, n);
                return n;
            }

            @Override
            public int samplesIn(byte[] payload, int offset, int length) {
                return length / 2;
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
