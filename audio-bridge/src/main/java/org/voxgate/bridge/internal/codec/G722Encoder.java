package org.voxgate.bridge.internal.codec;

import static org.voxgate.bridge.internal.codec.G722Tables.*;

/**
 * ITU-T G.722 encoder at 64 kbit/s: a 24-tap transmit QMF splits 16 kHz audio into two 8 kHz
 * sub-bands; the lower band is coded with 6-bit ADPCM, the higher with 2-bit ADPCM; one octet
 * per pair of input samples ({@code IH IH IL IL IL IL IL IL}, most significant bit first, as
 * RFC 3551 section 4.5.2 sends it).
 *
 * <p>Input is 16-bit PCM; the QMF output is scaled to the recommendation's 15-bit sub-band
 * signals. Stateful; one thread at a time. Allocates nothing.
 */
public final class G722Encoder implements AudioEncoder {
    private final G722Band low = new G722Band(LOW_INITIAL_SCALE);
    private final G722Band high = new G722Band(HIGH_INITIAL_SCALE);
    /** Input history for the QMF, x(n-23)..x(n) at index 0..23. */
    private final int[] x = new int[24];

    @Override
    public int encode(short[] pcm, int offset, int samples, byte[] out, int outOffset) {
        int n = samples >> 1;
        for (int j = 0; j < n; j++) {
            out[outOffset + j] = (byte) encodePair(pcm[offset + 2 * j], pcm[offset + 2 * j + 1]);
        }
        return n;
    }

    /** Codes two input samples into one octet. */
    int encodePair(int s0, int s1) {
        // Transmit QMF (section 3.4): shift in two samples, split into sum and difference.
        System.arraycopy(x, 2, x, 0, 22);
        x[22] = s0;
        x[23] = s1;
        int sumOdd = 0;
        int sumEven = 0;
        for (int i = 0; i < 12; i++) {
            sumOdd += x[2 * i] * QMF[2 * i];
            sumEven += x[2 * i + 1] * QMF[2 * i + 1];
        }
        int xLow = (sumEven + sumOdd) >> 14;
        int xHigh = (sumEven - sumOdd) >> 14;

        // Lower band: SUBTL, QUANTL
        int el = G722Band.sat(xLow - low.estimate);
        int magnitude = el >= 0 ? el : -(el + 1);
        int i = 1;
        while (i < 30 && magnitude >= ((Q6[i] * low.scale) >> 12)) {
            i++;
        }
        int il = el < 0 ? ILN[i] : ILP[i];
        // INVQAL with the 4-bit truncated code, LOGSCL/SCALEL, then the predictor
        int ril = il >> 2;
        int dLow = (low.scale * QM4[ril]) >> 15;
        low.adaptScale(WL[RL42[ril]], LOW_MAX_LOG, LOW_SHIFT_REF);
        low.predict(dLow);

        // Higher band: SUBTH, QUANTH
        int eh = G722Band.sat(xHigh - high.estimate);
        int mag = eh >= 0 ? eh : -(eh + 1);
        int mih = mag >= ((564 * high.scale) >> 12) ? 2 : 1;
        int ih = eh < 0 ? IHN[mih] : IHP[mih];
        int dHigh = (high.scale * QM2[ih]) >> 15;
        high.adaptScale(WH[RH2[ih]], HIGH_MAX_LOG, HIGH_SHIFT_REF);
        high.predict(dHigh);

        return (ih << 6) | il;
    }

    /** Takes over another encoder's state (a listener moving from a shared stream to its own). */
    public void copyFrom(G722Encoder other) {
        low.copyFrom(other.low);
        high.copyFrom(other.high);
        System.arraycopy(other.x, 0, x, 0, x.length);
    }

    /** Continues from a decoder's sub-band state (concealment keeps a decoder in step). */
    void copyBands(G722Band decoderLow, G722Band decoderHigh) {
        low.copyFrom(decoderLow);
        high.copyFrom(decoderHigh);
    }

    @Override
    public int sampleRateHz() {
        return 16_000;
    }

    @Override
    public int maxPayloadBytes(int samples) {
        return samples / 2;
    }

    @Override
    public void reset() {
        low.reset();
        high.reset();
        java.util.Arrays.fill(x, 0);
    }
}
