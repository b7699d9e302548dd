package org.voxgate.sip.internal.ivr;

import java.time.Duration;
import java.util.Objects;

/**
 * @param digitTimeout longest pause between digits; when it passes, what was typed is submitted
 * @param inputTimeout silence after a prompt ended before the caller is given up on
 * @param maxAttempts  wrong entries (per stage: access code, then PIN) before the call ends
 * @param hangupGrace  longest wait for a goodbye prompt to finish before hanging up anyway
 */
public record IvrSettings(Duration digitTimeout, Duration inputTimeout, int maxAttempts, Duration hangupGrace) {
    public IvrSettings {
        Objects.requireNonNull(digitTimeout, "digitTimeout");
        Objects.requireNonNull(inputTimeout, "inputTimeout");
        Objects.requireNonNull(hangupGrace, "hangupGrace");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }
}
