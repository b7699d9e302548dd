package org.voxgate.sip;

import java.util.Objects;

/**
 * A meeting callers can dial into.
 *
 * @param id              meeting id; also the bridge conference id
 * @param accessCode      digits the caller enters in the IVR (1..20 digits)
 * @param participantPin  PIN for participants, or null when participants need none
 * @param moderatorPin    PIN that makes the caller a moderator, or null when there is none
 * @param maxParticipants callers allowed at once, at least 1
 */
public record Meeting(String id, String accessCode, String participantPin, String moderatorPin,
                      int maxParticipants) {
    public Meeting {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(accessCode, "accessCode must not be null");
        if (!isDigits(accessCode)) {
            throw new IllegalArgumentException("accessCode must be 1..20 digits 0-9, was '" + accessCode + "'");
        }
        if (participantPin != null && !isDigits(participantPin)) {
            throw new IllegalArgumentException("participantPin must be null or 1..20 digits 0-9");
        }
        if (moderatorPin != null && !isDigits(moderatorPin)) {
            throw new IllegalArgumentException("moderatorPin must be null or 1..20 digits 0-9");
        }
        if (participantPin != null && participantPin.equals(moderatorPin)) {
            throw new IllegalArgumentException("participantPin and moderatorPin must differ");
        }
        if (maxParticipants < 1) {
            throw new IllegalArgumentException("maxParticipants must be at least 1, was " + maxParticipants);
        }
    }

    /** True when the IVR must ask for a PIN after the access code. */
    public boolean needsPin() {
        return participantPin != null || moderatorPin != null;
    }

    private static boolean isDigits(String s) {
        return !s.isEmpty() && s.length() <= 20 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
