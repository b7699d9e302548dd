package org.voxgate.bridge.internal.codec;

import static org.voxgate.bridge.internal.codec.G722Tables.*;

/**
 * ITU-T G.722 decoder at 64 kbit/s: 6-bit lower band and 2-bit higher band ADPCM decoding and
 * the 24-tap receive QMF, 16 kHz 16-bit output, two samples per octet.
 *
 * <p>Concealment: a lost packet is filled by pitch repetition ({@link G711Plc} at 16 kHz) and
 * the concealed audio is coded by a shadow encoder whose codes are run through this decoder's
 * state, so the ADPCM state keeps following a plausible signal and the first real packet after
 * the loss decodes without a long mismatch transient (the idea of G.722 Appendix III/IV, not its
 * algorithm). Stateful; one thread at a time; allocates nothing.
 */
public final class G722Decoder implements AudioDecoder {
    /** Largest concealment chunk handled at once (60 ms at 16 kHz). */
    private static final int MAX_CONCEAL_SAMPLES = 960;

    private final G722Band low = new G722Band(LOW_INITIAL_SCALE);
    private final G722Band high = new G722Band(HIGH_INITIAL_SCALE);
    private final int[] x = new int[24];
    private final G711Plc plc = new G711Plc(16_000);
    private final G722Encoder shadow = new G722Encoder();
    private final short[] discard = new short[2];
    private boolean shadowSynced;

    @Override
    public int sampleRateHz() {
        return 16_000;
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset) {
        for (int j = 0; j < length; j++) {
            decodeOctet(payload[offset + j] & 0xFF, pcm, pcmOffset + 2 * j);
        }
        plc.onGoodFrame(pcm, pcmOffset, 2 * length);
        shadowSynced = false;
        return 2 * length;
    }

    @Override
    public int samplesIn(byte[] payload, int offset, int length) {
        return 2 * length;
    }

    @Override
    public void conceal(short[] pcm, int offset, int samples) {
        plc.conceal(pcm, offset, samples);
        if (!shadowSynced) {
            // The shadow encoder starts from the decoder's state, so its codes continue it.
            shadow.copyBands(low, high);
            shadowSynced = true;
        }
        for (int j = 0; j + 1 < samples; j += 2) {
            int code = shadow.encodePair(pcm[offset + j], pcm[offset + j + 1]);
            decodeOctet(code, discard, 0);
        }
    }

    /** Decodes one octet into two samples at {@code out[pos]}, {@code out[pos + 1]}. */
    private void decodeOctet(int code, short[] out, int pos) {
        int il = code & 0x3F;
        int ih = code >> 6;

        // Lower band: INVQBL (6-bit reconstruction), RECONS, limit; predictor on the 4-bit value
        int dLow6 = (low.scale * QM6[il]) >> 15;
        int rLow = Math.max(-16384, Math.min(16383, low.estimate + dLow6));
        int ril = il >> 2;
        int dLow = (low.scale * QM4[ril]) >> 15;
        low.adaptScale(WL[RL42[ril]], LOW_MAX_LOG, LOW_SHIFT_REF);
        low.predict(dLow);

        // Higher band: INVQAH, RECONS, limit
        int dHigh = (high.scale * QM2[ih]) >> 15;
        int rHigh = Math.max(-16384, Math.min(16383, high.estimate + dHigh));
        high.adaptScale(WH[RH2[ih]], HIGH_MAX_LOG, HIGH_SHIFT_REF);
        high.predict(dHigh);

        // Receive QMF (section 4.4): x_d = rL - rH, x_s = rL + rH
        System.arraycopy(x, 2, x, 0, 22);
        x[22] = rLow + rHigh;
        x[23] = rLow - rHigh;
        int out1 = 0;
        int out2 = 0;
        for (int i = 0; i < 12; i++) {
            out2 += x[2 * i] * QMF[2 * i];
            out1 += x[2 * i + 1] * QMF[2 * i + 1];
        }
        out[pos] = (short) G722Band.sat(out1 >> 11);
        out[pos + 1] = (short) G722Band.sat(out2 >> 11);
    }

    @Override
    public void reset() {
        low.reset();
        high.reset();
        java.util.Arrays.fill(x, 0);
        plc.reset();
        shadowSynced = false;
    }
}
