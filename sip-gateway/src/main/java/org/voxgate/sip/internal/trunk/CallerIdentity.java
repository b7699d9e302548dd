package org.voxgate.sip.internal.trunk;

import java.util.List;
import java.util.Locale;

import org.voxgate.sip.Trunk;

/**
 * Who is calling, as CDRs and logs record it (RFC 3325 section 9.1 P-Asserted-Identity, RFC
 * 3323 section 4.2 Privacy).
 *
 * <ul>
 *   <li>From a trunk with {@code ASSERTED_ONLY}: the first P-Asserted-Identity, or
 *       {@link #UNKNOWN} when there is none (From is not trusted).</li>
 *   <li>From a trunk with {@code PASSTHROUGH} or {@code ANONYMOUS} (an outbound-only setting):
 *       the first P-Asserted-Identity, else From.</li>
 *   <li>From a source that is no trunk (a local softphone): From only; P-Asserted-Identity is
 *       ignored, since only a trusted peer may assert (RFC 3325 section 2).</li>
 *   <li>{@code Privacy: id} (or {@code header}, {@code user}) from a trunk: the identity is
 *       recorded as {@link #ANONYMOUS}.</li>
 * </ul>
 *
 * @param caller    what CDRs and logs show
 * @param anonymous the caller asked for privacy
 */
public record CallerIdentity(String caller, boolean anonymous) {
    public static final String ANONYMOUS = "anonymous";
    public static final String UNKNOWN = "unknown";

    /**
     * @param trunk   the trunk the call came over, or null for a trusted local source
     * @param from    From URI
     * @param pai     P-Asserted-Identity URIs in header order (may be empty)
     * @param privacy Privacy header values (may be empty)
     */
    public static CallerIdentity resolve(Trunk trunk, String from, List<String> pai, List<String> privacy) {
        if (trunk == null) {
            return new CallerIdentity(from, false);
        }
        if (privacyRequested(privacy)) {
            return new CallerIdentity(ANONYMOUS, true);
        }
        String asserted = pai.isEmpty() ? null : pai.get(0);
        if (trunk.callerIdPolicy() == Trunk.CallerIdPolicy.ASSERTED_ONLY) {
            return new CallerIdentity(asserted == null ? UNKNOWN : asserted, false);
        }
        return new CallerIdentity(asserted != null ? asserted : from, false);
    }

    private static boolean privacyRequested(List<String> privacy) {
        for (String header : privacy) {
            for (String v : header.split(";")) {
                String t = v.strip().toLowerCase(Locale.ROOT);
                if (t.equals("id") || t.equals("header") || t.equals("user")) {
                    return true;
                }
            }
        }
        return false;
    }
}
