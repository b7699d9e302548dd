package org.voxgate.sip.internal.dialout;

import org.voxgate.sip.Trunk;

/**
 * Who an outbound INVITE says it is from, by the trunk's caller-ID policy.
 *
 * <p>ANONYMOUS: From {@code "Anonymous" <sip:anonymous@anonymous.invalid>} (RFC 3323 section
 * 4.1.1.3), {@code Privacy: id}, and the real number only in P-Asserted-Identity, which goes to
 * the trunk alone, a trusted peer (RFC 3325 section 9.1). Otherwise From carries the number,
 * without Privacy or P-Asserted-Identity.
 *
 * @param fromDisplayName display name of From, or null
 * @param fromUser        user part of From ("anonymous" or the number)
 * @param fromHost        host part of From ("anonymous.invalid" or ours)
 * @param assertedNumber  the number for P-Asserted-Identity, or null for none
 * @param privacyId       whether to send {@code Privacy: id}
 */
public record CallerIdentity(String fromDisplayName, String fromUser, String fromHost, String assertedNumber,
                             boolean privacyId) {

    /** RFC 3323 section 4.1.1.3: the anonymous From. */
    public static final String ANONYMOUS_HOST = "anonymous.invalid";

    /**
     * @param callerId  the number to present, or null for none (then "voxgate")
     * @param ourHost   our advertised host, for a non-anonymous From
     */
    public static CallerIdentity of(Trunk.CallerIdPolicy policy, String callerId, String ourHost) {
        String user = callerId != null ? callerId : "voxgate";
        if (policy == Trunk.CallerIdPolicy.ANONYMOUS) {
            return new CallerIdentity("Anonymous", "anonymous", ANONYMOUS_HOST, callerId, true);
        }
        return new CallerIdentity(null, user, ourHost, null, false);
    }
}
