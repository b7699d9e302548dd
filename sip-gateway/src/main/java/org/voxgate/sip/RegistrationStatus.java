package org.voxgate.sip;

import java.time.Instant;
import java.util.Objects;

/**
 * The outbound registration of one trunk, as seen now. Immutable snapshot.
 *
 * @param trunkId              the trunk's id
 * @param state                where the registration stands
 * @param registrar            the host the last REGISTER went to (one of the trunk's hosts), or null before any
 * @param grantedExpirySeconds what the registrar granted in the last 200 (Contact expires or Expires), 0 when none
 * @param expiresAt            when the current binding lapses, or null when there is none
 * @param lastStatusCode       status of the last final response (408 for a timeout, 503 for a transport error),
 *                             0 before any
 * @param lastFailure          the last failure in words ("credentials refused: 401 after our answer"), or null
 * @param nextAttemptAt        when the next REGISTER (refresh or retry) is due, or null when none is scheduled
 */
public record RegistrationStatus(String trunkId, RegistrationState state, String registrar, int grantedExpirySeconds,
                                 Instant expiresAt, int lastStatusCode, String lastFailure, Instant nextAttemptAt) {

    public RegistrationStatus {
        Objects.requireNonNull(trunkId, "trunkId");
        Objects.requireNonNull(state, "state");
    }
}
