package org.voxgate.sip;

import java.time.Duration;
import java.util.Objects;

/**
 * "Call this number into this meeting through this trunk."
 *
 * @param meeting     the meeting the callee joins once it has pressed 1 (its id is the bridge conference id)
 * @param number      the callee, E.164: "+" then 2 to 15 digits, the first not 0
 * @param trunkId     the trunk to dial through ({@link Trunk#id()})
 * @param callerId    the number to present (E.164), or null for the trunk's default; ignored when the
 *                    trunk's caller-ID policy is ANONYMOUS (then it only goes into P-Asserted-Identity)
 * @param ringTimeout how long the callee may ring before we CANCEL, or null for the gateway's
 *                    {@link DialOutSettings#ringTimeout()}
 */
public record DialOutRequest(Meeting meeting, String number, String trunkId, String callerId, Duration ringTimeout) {

    public DialOutRequest {
        Objects.requireNonNull(meeting, "meeting");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(trunkId, "trunkId");
        if (ringTimeout != null && (ringTimeout.isNegative() || ringTimeout.isZero())) {
            throw new IllegalArgumentException("ringTimeout must be positive, was " + ringTimeout);
        }
    }

    /** A request with the trunk's caller id and the gateway's ring timeout. */
    public DialOutRequest(Meeting meeting, String number, String trunkId) {
        this(meeting, number, trunkId, null, null);
    }

    /** Whether {@code s} is an E.164 number as dial-out takes it ("+" then 2 to 15 digits, the first not 0). */
    public static boolean isE164(String s) {
        return s != null && s.matches("\\+[1-9][0-9]{1,14}");
    }
}
