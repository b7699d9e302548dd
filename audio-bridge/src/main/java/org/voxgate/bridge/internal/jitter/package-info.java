/**
 * Adaptive jitter buffer: re-orders packets by extended sequence number (RFC 3550 appendix
 * A.1), holds them for a play-out delay that follows the measured delay variation (RFC 3550
 * section 6.4.1 transit times), drops duplicates and late packets, and reports losses so the
 * caller conceals them. Time comes from an injected clock.
 */
package org.voxgate.bridge.internal.jitter;
