package org.voxgate.bridge.internal.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class InbandDtmfDetectorFuzzTest {

    /** White or coloured Gaussian noise at moderate levels never yields a digit. */
    @Property(tries = 60)
    void noiseYieldsNoDigits(@ForAll long seed,
                             @ForAll @DoubleRange(min = -50, max = -12) double rmsDbfs,
                             @ForAll @DoubleRange(min = 0, max = 0.95) double colour,
                             @ForAll @IntRange(min = 1, max = 400) int chunk) {
        int rate = 8000;
        short[] pcm = new short[rate]; // one second
        Random random = new Random(seed);
        double rms = 32768 * Math.pow(10, rmsDbfs / 20);
        double y = 0;
        double gain = Math.sqrt(1 - colour * colour); // keeps the RMS of the one-pole low-pass
        for (int i = 0; i < pcm.length; i++) {
            y = colour * y + gain * random.nextGaussian() * rms;
            pcm[i] = (short) Math.max(-32768, Math.min(32767, Math.round(y)));
        }
        InbandDtmfDetectorTest.Digits digits = InbandDtmfDetectorTest.detect(rate, pcm, chunk);
        assertThat(digits.keys).isEmpty();
    }
}
