package org.voxgate.server.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stored object of a {@link ResourceDef}. Secret fields hold their sealed text, never
 * the plain value; {@link #publicView} replaces them with {@code <name>Set} flags.
 *
 * @param values canonical field values by JSON name (secrets sealed)
 */
public record Row(ResourceDef def, String id, String accountId, int version, Instant createdAt, Instant updatedAt,
                  Map<String, Object> values) {

    /** What the API shows and the audit log records: no secret values. */
    public Map<String, Object> publicView() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        for (Field f : def.fields()) {
            if (f.secret()) {
                out.put(f.setFlagName(), values.get(f.name()) != null);
            } else {
                out.put(f.name(), values.get(f.name()));
            }
        }
        out.put("version", version);
        out.put("createdAt", createdAt.toString());
        out.put("updatedAt", updatedAt.toString());
        return out;
    }

    @Override
    public String toString() {
        return def.noun() + "[" + id + " v" + version + "]";
    }
}
