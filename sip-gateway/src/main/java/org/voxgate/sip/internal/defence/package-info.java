/**
 * Defence of the SIP listener against floods, scanners, brute force and oversized messages
 * (RFC 3261 section 26.1.5 denial of service; section 21.4.14/21.4.15 and 20 for the 413/414
 * answers; RFC 3261 section 21.5.4 and 20.33 for 503 with Retry-After). No SIP stack types here:
 * the stack's listener describes each request as an {@link org.voxgate.sip.internal.defence.Inbound}
 * and acts on the {@link org.voxgate.sip.internal.defence.Verdict}. Every refusal goes to the
 * shared {@code SecurityLog}.
 */
package org.voxgate.sip.internal.defence;
