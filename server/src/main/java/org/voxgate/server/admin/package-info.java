/**
 * The admin API: REST over HTTPS (Vert.x Web) under {@code /api/v1} for accounts, users, API
 * keys, SIP trunks, phone numbers, meetings, CDRs and the audit log.
 *
 * <ul>
 *   <li>TLS by default (RFC 8446 via the JDK); a self-signed certificate is generated on first
 *       start unless one is configured ({@link org.voxgate.server.admin.TlsCertificate}); plain
 *       HTTP only when enabled and only on loopback.</li>
 *   <li>Authentication: {@code Authorization: Bearer <API key>} (RFC 6750 section 2.1); repeated
 *       failures from one address lock it out for a while (429 with Retry-After, RFC 6585).</li>
 *   <li>Request rate limit: a token bucket per client address and per API key
 *       ({@link org.voxgate.server.admin.RateLimiter}); 429 with Retry-After (RFC 9110 section
 *       10.2.3) and a problem body.</li>
 *   <li>Authorization by role ({@link org.voxgate.server.admin.Permission}); tenant isolation by
 *       the store: a foreign id is 404, never 403.</li>
 *   <li>Errors: RFC 9457 problem details naming each rejected field and what is allowed.</li>
 *   <li>Optimistic concurrency: ETag (RFC 9110 section 8.8.3) is the object's version; changes
 *       need If-Match (412 when stale, 428 when missing, RFC 6585 section 3).</li>
 *   <li>Changes are JSON merge patches (RFC 7396) of the given fields.</li>
 *   <li>{@code /api/v1/openapi.json}: the OpenAPI 3.1 description.</li>
 * </ul>
 *
 * {@link org.voxgate.server.admin.AdminModule} is the one entry point for the composition root.
 */
package org.voxgate.server.admin;
