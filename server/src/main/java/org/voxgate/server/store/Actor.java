package org.voxgate.server.store;

import java.util.Objects;

/**
 * Who is acting: the authenticated API key's user, in its account. Every repository call
 * takes the account id from here, so a caller can only ever reach its own account's rows.
 *
 * @param accountId       the caller's account (tenant)
 * @param platformAccount true for the install's first account, whose owners may create accounts
 * @param userId          the user the key belongs to
 * @param keyId           the API key's row id
 * @param role            the user's role
 */
public record Actor(String accountId, boolean platformAccount, String userId, String keyId, Role role) {
    public Actor {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(role, "role");
    }
}
