package org.voxgate.bridge.api;

/**
 * Settings of one conference.
 *
 * @param mixRateHz  mixing sample rate: 8000, 16000 or 48000
 * @param ptimeMs    mixer tick, 10, 20 or 30 ms
 * @param maxTalkers how many of the loudest talkers are mixed (top-N)
 */
public record ConferenceOptions(int mixRateHz, int ptimeMs, int maxTalkers) {
    public ConferenceOptions {
        if (mixRateHz != 8000 && mixRateHz != 16000 && mixRateHz != 48000) {
            throw new IllegalArgumentException("mixRateHz must be 8000, 16000 or 48000, was " + mixRateHz);
        }
        if (ptimeMs != 10 && ptimeMs != 20 && ptimeMs != 30) {
            throw new IllegalArgumentException("ptimeMs must be 10, 20 or 30, was " + ptimeMs);
        }
        if (maxTalkers < 1 || maxTalkers > 16) {
            throw new IllegalArgumentException("maxTalkers must be 1..16, was " + maxTalkers);
        }
    }

    public static ConferenceOptions defaults() {
        return new ConferenceOptions(8000, 20, 3);
    }
}
