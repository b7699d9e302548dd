package org.voxgate.server.store;

import java.util.Locale;

/** A user's role inside its account, from most to least privileged. */
public enum Role {
    OWNER, ADMIN, OPERATOR, VIEWER;

    /** The lower-case name used in the database and the API. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the role, or null for an unknown name */
    public static Role fromWire(String s) {
        for (Role r : values()) {
            if (r.wire().equals(s)) {
                return r;
            }
        }
        return null;
    }
}
