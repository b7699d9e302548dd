package org.voxgate.sip.internal.defence;

import java.util.List;
import java.util.Locale;

/**
 * Known scanner and attack-tool User-Agents (friendly-scanner, sipvicious, sipcli, ...):
 * a case-insensitive substring match against a short list.
 */
final class ScannerFilter {
    private static final int MAX_SCANNED_CHARS = 256;
    private final List<String> needles;

    /** @param needles lower-case substrings */
    ScannerFilter(List<String> needles) {
        this.needles = List.copyOf(needles);
    }

    /** The list entry the User-Agent contains, or null (also for a null User-Agent). */
    String match(String userAgent) {
        if (userAgent == null || userAgent.isEmpty()) {
            return null;
        }
        String ua = (userAgent.length() > MAX_SCANNED_CHARS ? userAgent.substring(0, MAX_SCANNED_CHARS) : userAgent)
                .toLowerCase(Locale.ROOT);
        for (String n : needles) {
            if (ua.contains(n)) {
                return n;
            }
        }
        return null;
    }
}
