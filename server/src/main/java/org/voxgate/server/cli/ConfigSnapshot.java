package org.voxgate.server.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.voxgate.server.store.Field;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What the server holds for the caller's account, read page by page, in the natural form of
 * {@link ConfigKind}: objects keyed by their natural key, numbers naming their trunk and
 * meeting by natural key, secrets only as {@code <field>Set} flags (the API never returns them).
 */
final class ConfigSnapshot {

    /** One object on the server: its id, the version its ETag names, and its natural fields. */
    record Current(String id, int version, Map<String, Object> natural) {}

    private final Map<ConfigKind, TreeMap<String, Current>> objects = new EnumMap<>(ConfigKind.class);
    private final Set<ConfigKind> unreadable = EnumSet.noneOf(ConfigKind.class);

    private ConfigSnapshot() {}

    /**
     * Reads every kind. Users are left out (and {@link #readable} says so) when the caller's
     * role may not read them.
     *
     * @throws ApiException when the API refuses any other read
     */
    static ConfigSnapshot read(AdminClient c) throws IOException, ApiException {
        ConfigSnapshot s = new ConfigSnapshot();
        Map<String, String> trunkNames = new HashMap<>();
        Map<String, String> accessCodes = new HashMap<>();
        for (ConfigKind k : new ConfigKind[] {ConfigKind.TRUNKS, ConfigKind.MEETINGS, ConfigKind.USERS, ConfigKind.NUMBERS}) {
            TreeMap<String, Current> m = new TreeMap<>();
            List<JsonObject> items = readAll(c, k, s);
            if (items == null) {
                continue;
            }
            for (JsonObject item : items) {
                Map<String, Object> natural = new LinkedHashMap<>();
                for (Field f : k.def.fields()) {
                    if (f.secret()) {
                        natural.put(f.setFlagName(), Boolean.TRUE.equals(item.getBoolean(f.setFlagName())));
                    } else if (f.name().equals("trunkId")) {
                        natural.put("trunk", trunkNames.get(item.getString("trunkId")));
                    } else if (f.name().equals("meetingId")) {
                        natural.put("meeting", item.getString("meetingId") == null ? null
                                : accessCodes.get(item.getString("meetingId")));
                    } else {
                        natural.put(f.name(), plain(item.getValue(f.name())));
                    }
                }
                Current cur = new Current(item.getString("id"), item.getInteger("version"), natural);
                m.put(String.valueOf(natural.get(k.key)), cur);
                if (k == ConfigKind.TRUNKS) {
                    trunkNames.put(cur.id(), (String) natural.get("name"));
                } else if (k == ConfigKind.MEETINGS) {
                    accessCodes.put(cur.id(), (String) natural.get("accessCode"));
                }
            }
            s.objects.put(k, m);
        }
        return s;
    }

    private static List<JsonObject> readAll(AdminClient c, ConfigKind k, ConfigSnapshot s)
            throws IOException, ApiException {
        List<JsonObject> out = new ArrayList<>();
        for (int offset = 0; ; ) {
            AdminClient.Answer a = c.send("GET", "/" + k.section + "?limit=200&offset=" + offset, null, null);
            if (a.status() == 403 && k == ConfigKind.USERS) {
                s.unreadable.add(k);
                return null;
            }
            if (!a.ok()) {
                throw new ApiException("reading " + k.section, a);
            }
            JsonObject page = new JsonObject(a.body());
            for (Object o : page.getJsonArray("items")) {
                out.add((JsonObject) o);
            }
            Integer next = page.getInteger("nextOffset");
            if (next == null) {
                return out;
            }
            offset = next;
        }
    }

    static Object plain(Object v) {
        if (v instanceof JsonArray a) {
            List<Object> l = new ArrayList<>();
            for (Object x : a) {
                l.add(plain(x));
            }
            return l;
        }
        if (v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        return v;
    }

    boolean readable(ConfigKind k) {
        return !unreadable.contains(k);
    }

    /** The kind's objects by natural key, sorted; empty when unreadable. */
    TreeMap<String, Current> of(ConfigKind k) {
        return objects.getOrDefault(k, new TreeMap<>());
    }
}
