package org.voxgate.server.admin;

import java.util.EnumSet;
import java.util.Set;

import org.voxgate.server.store.Role;

/**
 * What each role may do, least privilege: a viewer reads (never secrets: the API has none to
 * show) and changes nothing; an operator manages meetings but not trunks or numbers; an admin
 * manages trunks, numbers and meetings (an operator may dial out into meetings); an owner also manages users, API keys and the account.
 * Creating other accounts is for owners of the platform account only (checked separately).
 */
public enum Permission {
    ACCOUNT_READ(Role.OWNER, Role.ADMIN, Role.OPERATOR, Role.VIEWER),
    ACCOUNT_WRITE(Role.OWNER),
    ACCOUNT_CREATE(Role.OWNER),
    USER_READ(Role.OWNER, Role.ADMIN),
    USER_WRITE(Role.OWNER),
    APIKEY_READ(Role.OWNER, Role.ADMIN),
    APIKEY_WRITE(Role.OWNER),
    TRUNK_READ(Role.OWNER, Role.ADMIN, Role.OPERATOR, Role.VIEWER),
    TRUNK_WRITE(Role.OWNER, Role.ADMIN),
    NUMBER_READ(Role.OWNER, Role.ADMIN, Role.OPERATOR, Role.VIEWER),
    NUMBER_WRITE(Role.OWNER, Role.ADMIN),
    MEETING_READ(Role.OWNER, Role.ADMIN, Role.OPERATOR, Role.VIEWER),
    MEETING_WRITE(Role.OWNER, Role.ADMIN, Role.OPERATOR),
    /** Call a number into a meeting through one of the account's trunks (costs money: not for viewers). */
    MEETING_DIAL_OUT(Role.OWNER, Role.ADMIN, Role.OPERATOR),
    CDR_READ(Role.OWNER, Role.ADMIN, Role.OPERATOR, Role.VIEWER),
    AUDIT_READ(Role.OWNER, Role.ADMIN);

    private final Set<Role> roles;

    Permission(Role first, Role... rest) {
        this.roles = EnumSet.of(first, rest);
    }

    public boolean allows(Role r) {
        return roles.contains(r);
    }

    /** The read and write permissions of a resource path of the generic repository. */
    static Permission read(String path) {
        return switch (path) {
            case "users" -> USER_READ;
            case "trunks" -> TRUNK_READ;
            case "numbers" -> NUMBER_READ;
            case "meetings" -> MEETING_READ;
            default -> throw new IllegalArgumentException(path);
        };
    }

    static Permission write(String path) {
        return switch (path) {
            case "users" -> USER_WRITE;
            case "trunks" -> TRUNK_WRITE;
            case "numbers" -> NUMBER_WRITE;
            case "meetings" -> MEETING_WRITE;
            default -> throw new IllegalArgumentException(path);
        };
    }
}
