/**
 * The security log: counted, rate-limited records of refused traffic (RFC 3261 section 26
 * threats: scanning, brute force, flooding). No SIP stack types here.
 */
package org.voxgate.sip.internal.security;
