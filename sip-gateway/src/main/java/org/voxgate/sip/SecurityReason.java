package org.voxgate.sip;

/**
 * Why the gateway refused traffic that looked suspicious or was not allowed. Each reason is a
 * bounded label for metrics ({@link SipStatistics#securityRejections()}) and the security log.
 */
public enum SecurityReason {
    /** An INVITE from a source that matches no trunk and no trusted network (403). */
    UNKNOWN_SOURCE,
    /** A digest response that did not verify, or credentials for an unknown user (403/401). */
    AUTH_FAILED,
    /** A digest nonce that was stale, forged or already used. */
    NONCE_REPLAY,
    /** More requests from one source than the per-source rate limit allows. */
    RATE_LIMITED,
    /** A request from a source that is banned (dropped without a response). */
    BANNED,
    /** A request from a known scanner User-Agent (dropped without a response). */
    SCANNER,
    /** A message over the size, Request-URI or header-count limits. */
    OVERSIZED,
    /** A request the parser or validator refused. */
    MALFORMED,
    /** A method the gateway does not serve (MESSAGE, SUBSCRIBE, ...). */
    METHOD_NOT_ALLOWED,
    /** An in-dialog request that matches no dialog. */
    NO_DIALOG,
    /** A trunk's channel or calls-per-second limit was reached (503). */
    TRUNK_LIMIT,
    /** The node is saturated (503). */
    OVERLOAD,
    /** An offer against the trunk's SRTP policy, or keys over clear signalling. */
    SRTP_POLICY,
    /** A 401/407 challenge from someone other than the configured trunk peer and realm. */
    FOREIGN_CHALLENGE,
    /** A trunk host that resolves to the node itself, link-local (cloud metadata) or wildcard: not contacted. */
    SSRF_TARGET
}
