package org.voxgate.server.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.voxgate.server.store.Field;
import org.voxgate.server.store.ResourceDef;
import org.voxgate.server.store.Resources;

/**
 * The kinds of object a configuration file holds, in file order (which is also the order
 * creates and updates are applied: users, trunks and meetings before the numbers that refer
 * to them). Each is matched by a natural key instead of its id, and a number refers to its
 * trunk by name and its meeting by access code, so a file fits any account.
 */
enum ConfigKind {
    USERS("users", "user", Resources.USERS, "name"),
    TRUNKS("trunks", "trunk", Resources.TRUNKS, "name"),
    MEETINGS("meetings", "meeting", Resources.MEETINGS, "accessCode"),
    NUMBERS("numbers", "number", Resources.NUMBERS, "e164");

    /** API path and file section. */
    final String section;
    final String noun;
    final ResourceDef def;
    /** The field that identifies an object across accounts and files. */
    final String key;

    ConfigKind(String section, String noun, ResourceDef def, String key) {
        this.section = section;
        this.noun = noun;
        this.def = def;
        this.key = key;
    }

    /** For a number's {@code trunkId} and {@code meetingId}: the natural field names in files. */
    static String naturalName(Field f) {
        return switch (f.name()) {
            case "trunkId" -> "trunk";
            case "meetingId" -> "meeting";
            default -> f.name();
        };
    }

    /** The field names a file may hold for this kind, in output order. */
    List<String> fileFields() {
        List<String> out = new ArrayList<>();
        for (Field f : def.fields()) {
            out.add(naturalName(f));
        }
        return out;
    }

    Field field(String naturalName) {
        for (Field f : def.fields()) {
            if (naturalName(f).equals(naturalName)) {
                return f;
            }
        }
        return null;
    }

    /**
     * The environment variable an export names for a secret, e.g.
     * {@code VOXGATE_TRUNK_CARRIER_1_INBOUND_PASSWORD}.
     */
    String secretVariable(String keyValue, String field) {
        String f = field.replaceAll("([a-z0-9])([A-Z])", "$1_$2");
        return ("VOXGATE_" + noun + "_" + keyValue + "_" + f).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    }
}
