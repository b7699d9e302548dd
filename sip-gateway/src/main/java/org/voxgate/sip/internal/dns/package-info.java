/**
 * Locating a trunk's SIP servers (RFC 3263 section 4, client side): NAPTR (RFC 3403, services
 * {@code SIPS+D2T}, {@code SIP+D2T}, {@code SIP+D2U}) by order and preference, then SRV
 * (RFC 2782: priority, then weight-based random selection) for {@code _sips._tcp},
 * {@code _sip._tcp}, {@code _sip._udp}, then A/AAAA; a host with an explicit port or a numeric
 * address skips NAPTR and SRV (RFC 3263 section 4.2). The result is an ordered list of
 * {@link org.voxgate.sip.SipTarget}s that dial-out and registration walk on timeout or 503.
 *
 * <p>A small stub resolver of our own speaks the RFC 1035 wire format (section 4.1) over UDP,
 * with the RFC 6891 OPT record advertising 1232 bytes and TCP (RFC 1035 section 4.2.2, RFC 7766)
 * when an answer comes back truncated, because the JDK's JNDI DNS provider does not expose TTLs
 * and the cache here must respect them ({@link org.voxgate.sip.internal.dns.DnsCache}: bounded,
 * negative answers by the SOA minimum, RFC 2308 section 5). No SIP stack types here; the SSRF
 * check of every resolved address stays with the caller.
 */
package org.voxgate.sip.internal.dns;
