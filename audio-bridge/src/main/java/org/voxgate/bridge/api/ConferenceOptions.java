package org.voxgate.bridge.api;

/**
 * Settings of one conference.
 *
 * @param mixRateHz  highest mixing sample rate: 8000, 16000 or 48000. The conference mixes at
 *                   the highest audio rate its participants' codecs need (8 kHz G.711, 16 kHz
 *                   G.722, 48 kHz Opus), never above this cap
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

    /** Up to 48 kHz (as wide as the participants need), 20 ms, three talkers. */
    public static ConferenceOptions defaults() {
        return new ConferenceOptions(48000, 20, 3);
    }
}
