package org.voxgate.sip.internal.defence;

import org.voxgate.sip.internal.trunk.Cidr;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.SecurityReason;
import org.voxgate.sip.SipDefenceConfig;
import org.voxgate.sip.internal.security.SecurityLog;

/**
 * The gateway's first look at every request, before any transaction or dialog exists, and the
 * per-source ban list. The steps of {@link #check}, in order:
 *
 * <ol>
 *   <li>A banned source: {@link Verdict#DROP}, counted {@code BANNED}.</li>
 *   <li>Rate (not for trusted networks; a request of a live call counts {@link #IN_CALL_WEIGHT}):
 *       more than {@code requestsPerWindow} in the sliding {@code rateWindow} bans the source for
 *       {@code banDuration}; the request that crossed the limit is dropped as {@code RATE_LIMITED}.</li>
 *   <li>A known scanner User-Agent: {@link Verdict#DROP}, counted {@code SCANNER}.</li>
 *   <li>Size: bytes over the limit 413, Request-URI 414, header count 400, counted {@code OVERSIZED}
 *       (an ACK is dropped instead: it is never answered, RFC 3261 section 17.2.3).</li>
 *   <li>A new INVITE while the node is saturated (new-INVITE rate, or the bridge's mixer load):
 *       {@link Verdict#OVERLOADED}, 503 with Retry-After, counted {@code OVERLOAD}.</li>
 * </ol>
 *
 * Failed digest authentications reach {@link #authFailed}; enough of them in the window ban the
 * source too. Trusted networks are never rate limited or banned. Each ban writes one line to
 * the security log's logger (at most {@link #BAN_LINES_PER_SECOND} a second; the rest are
 * summed into the next line). Thread-safe.
 */
public final class Defence {
    static final int BAN_LINES_PER_SECOND = 10;
    /**
     * A request of a live call (ACK, INFO digits, BYE, refreshes) counts a quarter: callers behind
     * one NAT are not banned for typing codes, yet a flood reusing a known Call-ID still is.
     */
    static final double IN_CALL_WEIGHT = 0.25;
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final SipDefenceConfig config;
    private final SecurityLog securityLog;
    private final LongSupplier nanoClock;
    private final Logger banLog;
    private final List<Cidr> trusted;
    private final SourceTable sources;
    private final ScannerFilter scanners;
    private final MessageLimits limits;
    private final OverloadGuard overload;
    private final long banNanos;
    private long banLogSecond;
    private int banLinesThisSecond;
    private long bansNotLogged;

    /** A defence on the system clock, logging bans to {@link SecurityLog#LOGGER}. */
    public Defence(SipDefenceConfig config, SecurityLog securityLog, DoubleSupplier mediaLoadRatio) {
        this(config, securityLog, mediaLoadRatio, System::nanoTime, LoggerFactory.getLogger(SecurityLog.LOGGER));
    }

    /**
     * @param mediaLoadRatio the bridge's load, 0..1 ({@code MediaBridge::loadRatio})
     * @param nanoClock      monotonic nanoseconds (tests pass a fake clock)
     * @throws IllegalArgumentException when a trusted network is not a numeric CIDR block
     */
    public Defence(SipDefenceConfig config, SecurityLog securityLog, DoubleSupplier mediaLoadRatio,
                   LongSupplier nanoClock, Logger banLog) {
        this.config = Objects.requireNonNull(config, "config");
        this.securityLog = Objects.requireNonNull(securityLog, "securityLog");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.banLog = Objects.requireNonNull(banLog, "banLog");
        this.trusted = config.trustedNetworks().stream().map(Cidr::parse).toList();
        this.sources = new SourceTable(config.maxTrackedSources(), config.rateWindow().toNanos(),
                config.authFailureWindow().toNanos());
        this.scanners = new ScannerFilter(config.scannerUserAgents());
        this.limits = new MessageLimits(config.maxMessageBytes(), config.maxRequestUriLength(), config.maxHeaders());
        this.overload = new OverloadGuard(config.maxNewInvitesPerSecond(), config.overloadLoadRatio(),
                Objects.requireNonNull(mediaLoadRatio, "mediaLoadRatio"), nanoClock.getAsLong());
        this.banNanos = config.banDuration().toNanos();
    }

    /**
     * Decides what happens to one request; every refusal is counted and logged in the security
     * log. Never throws for any input.
     *
     * @return {@link Verdict#ACCEPT}, {@link Verdict#DROP} (send nothing, create no transaction),
     *     or a verdict whose {@link Verdict#status()} is the response to send statelessly
     *     (413, 414, 400; 503 with {@link #retryAfterSeconds()})
     */
    public Verdict check(Inbound in) {
        long now = nanoClock.getAsLong();
        InetAddress source = in.source();
        if (!trusted(source)) {
            SourceTable.Admission a = sources.request(source, now, in.knownCall() ? IN_CALL_WEIGHT : 1.0,
                    config.requestsPerWindow(), banNanos);
            if (a == SourceTable.Admission.BANNED) {
                securityLog.reject(source, SecurityReason.BANNED, in.method());
                return Verdict.DROP;
            }
            if (a == SourceTable.Admission.BANNED_NOW) {
                String why = "more than " + config.requestsPerWindow() + " requests in "
                        + config.rateWindow().toMillis() + " ms";
                securityLog.reject(source, SecurityReason.RATE_LIMITED, in.method() + ", " + why);
                logBan(source, now, SecurityReason.RATE_LIMITED, why);
                return Verdict.DROP;
            }
        }
        String scanner = scanners.match(in.userAgent());
        if (scanner != null) {
            securityLog.reject(source, SecurityReason.SCANNER, in.method() + " User-Agent " + in.userAgent());
            return Verdict.DROP;
        }
        Verdict size = limits.check(in.messageBytes(), in.requestUriLength(), in.headerCount());
        if (size != Verdict.ACCEPT) {
            securityLog.reject(source, SecurityReason.OVERSIZED, in.method() + " " + in.messageBytes() + " bytes, URI "
                    + in.requestUriLength() + " chars, " + in.headerCount() + " headers -> " + size.status());
            return in.method().equals("ACK") ? Verdict.DROP : size;
        }
        if (in.newInvite() && !in.knownCall()) {
            OverloadGuard.Cause cause = overload.admit(now);
            if (cause != null) {
                securityLog.reject(source, SecurityReason.OVERLOAD, cause == OverloadGuard.Cause.MEDIA_LOAD
                        ? String.format("mixer load %.2f over %.2f", overload.load(), config.overloadLoadRatio())
                        : "more than " + config.maxNewInvitesPerSecond() + " new INVITEs a second");
                return Verdict.OVERLOADED;
            }
        }
        return Verdict.ACCEPT;
    }

    /**
     * Counts one failed digest authentication from {@code source} (a response that did not
     * verify, or an unknown user). {@code authFailuresBeforeBan} within {@code authFailureWindow}
     * ban the source for {@code banDuration}. This only counts toward the ban: the caller still
     * reports its own refusal ({@code AUTH_FAILED}, 401/403) to the security log. Trusted networks
     * are never banned. Thread-safe, never throws.
     *
     * @return true when this failure started a ban
     */
    public boolean authFailed(InetAddress source) {
        if (source == null || trusted(source)) {
            return false;
        }
        long now = nanoClock.getAsLong();
        if (sources.authFailure(source, now, config.authFailuresBeforeBan(), banNanos)
                == SourceTable.Admission.BANNED_NOW) {
            logBan(source, now, SecurityReason.AUTH_FAILED, config.authFailuresBeforeBan()
                    + " failed authentications in " + config.authFailureWindow().toSeconds() + " s");
            return true;
        }
        return false;
    }

    /** Whether {@code source} is banned now. */
    public boolean banned(InetAddress source) {
        return sources.banned(source, nanoClock.getAsLong());
    }

    /** Lifts the ban of {@code source}; false when it was not banned. */
    public boolean unban(InetAddress source) {
        return sources.unban(source);
    }

    /** Sources banned now (for the bans gauge). */
    public int bannedSources() {
        return sources.bannedCount(nanoClock.getAsLong());
    }

    /** Whether {@code source} lies in a trusted network (exempt from rate limits and bans). */
    public boolean trusted(InetAddress source) {
        for (Cidr c : trusted) {
            if (c.contains(source)) {
                return true;
            }
        }
        return false;
    }

    /** Retry-After of an {@link Verdict#OVERLOADED} 503. */
    public int retryAfterSeconds() {
        return config.retryAfterSeconds();
    }

    /** Sources with counters now, at most {@code maxTrackedSources}. */
    int trackedSources() {
        return sources.trackedSources();
    }

    private void logBan(InetAddress source, long now, SecurityReason reason, String why) {
        long notLogged;
        synchronized (this) {
            long second = now / SECOND_NANOS;
            if (second != banLogSecond) {
                banLogSecond = second;
                banLinesThisSecond = 0;
            }
            if (++banLinesThisSecond > BAN_LINES_PER_SECOND) {
                bansNotLogged++;
                return;
            }
            notLogged = bansNotLogged;
            bansNotLogged = 0;
        }
        banLog.warn("security ban source={} reason={} seconds={} detail=\"{}\" unlogged_bans={}",
                source.getHostAddress(), reason, config.banDuration().toSeconds(), why, notLogged);
    }
}
