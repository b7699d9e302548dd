package org.voxgate.sip;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Limits that protect the gateway from floods, scanners, brute force and oversized messages
 * (RFC 3261 section 26.1.5 denial of service). The defaults follow Kamailio's shipped
 * anti-flood configuration (pike: 16 requests per 2 s per source, a 300 s ban) and are a
 * floor, not a target.
 *
 * @param requestsPerWindow       requests one source may send per {@code rateWindow} before it is
 *                                banned; a request of one of its live calls counts a quarter (16)
 * @param rateWindow              the rate window (2 s)
 * @param banDuration             how long a banned source's requests are dropped unanswered (300 s)
 * @param authFailuresBeforeBan   failed digest authentications from one source within
 *                                {@code authFailureWindow} that ban it (5)
 * @param authFailureWindow       the window of failed authentications (60 s)
 * @param trustedNetworks         CIDR blocks ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, a bare
 *                                address) exempt from the per-source rate limit and bans; empty by default
 * @param maxTrackedSources       sources whose counters are kept; the oldest is forgotten first,
 *                                so a spoofed-source spray cannot exhaust memory (65,536)
 * @param maxMessageBytes         largest message taken: more gets 413 (or is dropped when the
 *                                stack cannot read it whole); also the stack's TCP/TLS limit (16,384)
 * @param maxRequestUriLength     longest Request-URI in characters; longer gets 414 (512)
 * @param maxHeaders              most header fields in one request; more gets 400 (100)
 * @param maxNewInvitesPerSecond  new INVITEs the node takes per second from everyone together;
 *                                beyond it they get 503 with Retry-After (100)
 * @param overloadLoadRatio       busy share (0..1) of the bridge's busiest mixer thread above
 *                                which new INVITEs get 503 ({@code MediaBridge.loadRatio()}) (0.8)
 * @param retryAfterSeconds       Retry-After of an overload 503 (RFC 3261 section 20.33) (30)
 * @param scannerUserAgents       User-Agent substrings (case-insensitive) of known scanners,
 *                                whose requests are dropped unanswered
 */
public record SipDefenceConfig(int requestsPerWindow, Duration rateWindow, Duration banDuration,
                               int authFailuresBeforeBan, Duration authFailureWindow, List<String> trustedNetworks,
                               int maxTrackedSources, int maxMessageBytes, int maxRequestUriLength, int maxHeaders,
                               int maxNewInvitesPerSecond, double overloadLoadRatio, int retryAfterSeconds,
                               List<String> scannerUserAgents) {

    /** Known scanner and attack-tool User-Agents (lower case substrings). */
    public static final List<String> DEFAULT_SCANNERS = List.of("friendly-scanner", "sipvicious", "sipcli",
            "sip-scan", "sundayddr", "iwar", "vaxsipuseragent", "pplsip", "sipsak", "smap", "sipscan", "sip scan",
            "voiper", "nessus");

    public SipDefenceConfig {
        Objects.requireNonNull(rateWindow, "rateWindow");
        Objects.requireNonNull(banDuration, "banDuration");
        Objects.requireNonNull(authFailureWindow, "authFailureWindow");
        trustedNetworks = List.copyOf(Objects.requireNonNull(trustedNetworks, "trustedNetworks"));
        scannerUserAgents = Objects.requireNonNull(scannerUserAgents, "scannerUserAgents").stream()
                .map(s -> s.toLowerCase(Locale.ROOT)).toList();
        if (scannerUserAgents.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("scannerUserAgents must not contain blank entries");
        }
        atLeast("requestsPerWindow", requestsPerWindow, 1);
        positive("rateWindow", rateWindow);
        positive("banDuration", banDuration);
        atLeast("authFailuresBeforeBan", authFailuresBeforeBan, 1);
        positive("authFailureWindow", authFailureWindow);
        atLeast("maxTrackedSources", maxTrackedSources, 16);
        atLeast("maxMessageBytes", maxMessageBytes, 1024);
        if (maxMessageBytes > 65_000) {
            throw new IllegalArgumentException("maxMessageBytes must be at most 65000 (one UDP datagram), was "
                    + maxMessageBytes);
        }
        atLeast("maxRequestUriLength", maxRequestUriLength, 32);
        atLeast("maxHeaders", maxHeaders, 10);
        atLeast("maxNewInvitesPerSecond", maxNewInvitesPerSecond, 1);
        if (!(overloadLoadRatio > 0 && overloadLoadRatio <= 1)) {
            throw new IllegalArgumentException("overloadLoadRatio must be in (0, 1], was " + overloadLoadRatio);
        }
        atLeast("retryAfterSeconds", retryAfterSeconds, 1);
    }

    /** Kamailio's pike defaults and the limits above. */
    public static SipDefenceConfig defaults() {
        return new SipDefenceConfig(16, Duration.ofSeconds(2), Duration.ofSeconds(300), 5, Duration.ofSeconds(60),
                List.of(), 65_536, 16_384, 512, 100, 100, 0.8, 30, DEFAULT_SCANNERS);
    }

    /** A copy with these trusted networks (CIDR). */
    public SipDefenceConfig withTrustedNetworks(List<String> cidrs) {
        return new SipDefenceConfig(requestsPerWindow, rateWindow, banDuration, authFailuresBeforeBan,
                authFailureWindow, cidrs, maxTrackedSources, maxMessageBytes, maxRequestUriLength, maxHeaders,
                maxNewInvitesPerSecond, overloadLoadRatio, retryAfterSeconds, scannerUserAgents);
    }

    /** A copy with another per-source rate limit and ban duration. */
    public SipDefenceConfig withRateLimit(int requests, Duration window, Duration ban) {
        return new SipDefenceConfig(requests, window, ban, authFailuresBeforeBan, authFailureWindow, trustedNetworks,
                maxTrackedSources, maxMessageBytes, maxRequestUriLength, maxHeaders, maxNewInvitesPerSecond,
                overloadLoadRatio, retryAfterSeconds, scannerUserAgents);
    }

    /** A copy with another failed-authentication ban threshold. */
    public SipDefenceConfig withAuthFailureBan(int failures, Duration window) {
        return new SipDefenceConfig(requestsPerWindow, rateWindow, banDuration, failures, window, trustedNetworks,
                maxTrackedSources, maxMessageBytes, maxRequestUriLength, maxHeaders, maxNewInvitesPerSecond,
                overloadLoadRatio, retryAfterSeconds, scannerUserAgents);
    }

    /** A copy with another node-wide new-INVITE rate and load threshold. */
    public SipDefenceConfig withOverload(int newInvitesPerSecond, double loadRatio) {
        return new SipDefenceConfig(requestsPerWindow, rateWindow, banDuration, authFailuresBeforeBan,
                authFailureWindow, trustedNetworks, maxTrackedSources, maxMessageBytes, maxRequestUriLength,
                maxHeaders, newInvitesPerSecond, loadRatio, retryAfterSeconds, scannerUserAgents);
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
    }

    private static void positive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
