package org.voxgate.sip;

import java.time.Duration;
import java.util.Objects;

/**
 * Timers of dial-out.
 *
 * @param ringTimeout    how long the callee may ring (from the first INVITE) before CANCEL and
 *                       FAILED(NO_ANSWER); default 45 s
 * @param hostTimeout    how long a trunk host may stay silent (no response at all) before we
 *                       give up on it and try the next host; default 4 s (the transaction's own
 *                       Timer B, 32 s, ends it anyway)
 * @param confirmTimeout silence after each "press 1 to join" before it plays again; default 5 s
 * @param confirmPlays   how many times the prompt plays before FAILED(NOT_CONFIRMED); default 3
 */
public record DialOutSettings(Duration ringTimeout, Duration hostTimeout, Duration confirmTimeout, int confirmPlays) {

    public DialOutSettings {
        positive("ringTimeout", ringTimeout);
        positive("hostTimeout", hostTimeout);
        positive("confirmTimeout", confirmTimeout);
        if (confirmPlays < 1) {
            throw new IllegalArgumentException("confirmPlays must be at least 1, was " + confirmPlays);
        }
    }

    public static DialOutSettings defaults() {
        return new DialOutSettings(Duration.ofSeconds(45), Duration.ofSeconds(4), Duration.ofSeconds(5), 3);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
