package org.voxgate.sip.internal.ivr;

import java.time.Duration;
import java.util.Objects;

import org.voxgate.bridge.api.ConferenceOptions;

/**
 * @param digitTimeout longest pause between digits; when it passes, what was typed is submitted
 * @param inputTimeout silence after a prompt ended before the caller is given up on
 * @param maxAttempts  wrong entries (per stage: access code, then PIN) before the call ends
 * @param hangupGrace  longest wait for a goodbye prompt to finish before hanging up anyway
 * @param conference   options of the conferences the IVR joins callers to (mix-rate cap, ptime,
 *                     talkers); null means {@link ConferenceOptions#defaults()}
 */
public record IvrSettings(Duration digitTimeout, Duration inputTimeout, int maxAttempts, Duration hangupGrace,
                          ConferenceOptions conference) {
    public IvrSettings {
        if (conference == null) {
            conference = ConferenceOptions.defaults();
        }
        Objects.requireNonNull(digitTimeout, "digitTimeout");
        Objects.requireNonNull(inputTimeout, "inputTimeout");
        Objects.requireNonNull(hangupGrace, "hangupGrace");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /** Settings whose conferences use {@link ConferenceOptions#defaults()}. */
    public IvrSettings(Duration digitTimeout, Duration inputTimeout, int maxAttempts, Duration hangupGrace) {
        this(digitTimeout, inputTimeout, maxAttempts, hangupGrace, null);
    }
}
