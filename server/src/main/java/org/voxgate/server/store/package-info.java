/**
 * The admin store: accounts (tenants), users and roles, API keys, SIP trunks, phone numbers,
 * meetings, call detail records and the audit log, in H2 (embedded default) or PostgreSQL.
 *
 * <ul>
 *   <li>Schema: Flyway migrations in {@code db/migration}, portable SQL run unchanged on
 *       PostgreSQL and on H2 in PostgreSQL mode ({@link org.voxgate.server.store.Database}).</li>
 *   <li>Tenancy: every customer row carries {@code account_id}; every repository method takes
 *       the account from the authenticated {@link org.voxgate.server.store.Actor} and puts it
 *       in the WHERE clause, so a foreign id reads exactly like a missing one.</li>
 *   <li>Secrets: trunk passwords and meeting PINs are sealed with AES-256-GCM (NIST SP 800-38D)
 *       under a master key ({@link org.voxgate.server.store.SecretBox},
 *       {@link org.voxgate.server.store.MasterKey}); they are write-only in the API.</li>
 *   <li>API keys: 256-bit random secrets, stored as SHA-256, compared in constant time
 *       ({@link org.voxgate.server.store.ApiKeys}).</li>
 *   <li>Optimistic concurrency: every object has a version; updates and deletes name the
 *       version they expect ({@link org.voxgate.server.store.Change}).</li>
 *   <li>Audit: every change writes who, what, before and after (secrets only as set/unset
 *       flags) in the same transaction ({@link org.voxgate.server.store.AuditLog}).</li>
 * </ul>
 */
package org.voxgate.server.store;
