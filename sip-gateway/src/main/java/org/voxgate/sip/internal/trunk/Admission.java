package org.voxgate.sip.internal.trunk;

import java.util.List;
import java.util.Objects;

import org.voxgate.sip.SecurityReason;
import org.voxgate.sip.Trunk;

/**
 * The answer of {@link TrunkAdmission} to one new INVITE.
 *
 * @param kind        what to do with the INVITE
 * @param trunk       the trunk for {@link Kind#TRUNK}, else null
 * @param challenges  WWW-Authenticate values, preferred first, for {@link Kind#CHALLENGE}
 *                    (RFC 8760 section 2.4), else empty
 * @param reason      the security log's reason for {@link Kind#FORBIDDEN}, else null
 * @param detail      a short, secret-free text for the security log
 * @param authFailure whether this refusal counts as a failed authentication (for the
 *                    per-source failure counter)
 */
public record Admission(Kind kind, Trunk trunk, List<String> challenges, SecurityReason reason, String detail,
                        boolean authFailure) {

    public enum Kind {
        /** From a trusted local network: taken without a trunk. */
        LOCAL,
        /** Belongs to {@link #trunk()}. */
        TRUNK,
        /** Answer 401 with {@link #challenges()}. */
        CHALLENGE,
        /** Answer 403 and log {@link #reason()}. */
        FORBIDDEN
    }

    public Admission {
        Objects.requireNonNull(kind, "kind");
        challenges = List.copyOf(challenges);
    }

    static Admission local() {
        return new Admission(Kind.LOCAL, null, List.of(), null, null, false);
    }

    static Admission trunk(Trunk t) {
        return new Admission(Kind.TRUNK, t, List.of(), null, null, false);
    }

    static Admission challenge(List<String> values, String detail) {
        return new Admission(Kind.CHALLENGE, null, values, null, detail, false);
    }

    static Admission forbidden(SecurityReason reason, String detail, boolean authFailure) {
        return new Admission(Kind.FORBIDDEN, null, List.of(), reason, detail, authFailure);
    }
}
