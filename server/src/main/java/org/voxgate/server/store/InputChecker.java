package org.voxgate.server.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns decoded JSON into canonical field values for one {@link ResourceDef}: unknown fields,
 * missing required ones, wrong kinds and cross-field rules all become {@link FieldError}s,
 * collected so the client sees every problem at once.
 */
final class InputChecker {

    private final ResourceDef def;

    InputChecker(ResourceDef def) {
        this.def = def;
    }

    /** Values for a new object: given fields checked, absent ones defaulted. */
    Map<String, Object> forCreate(Map<String, Object> json, FieldType.CheckContext ctx) {
        return merge(json, null, ctx);
    }

    /** Values after a merge patch over {@code current} (plain secrets). */
    Map<String, Object> forPatch(Map<String, Object> patch, Map<String, Object> current, FieldType.CheckContext ctx) {
        return merge(patch, current, ctx);
    }

    private Map<String, Object> merge(Map<String, Object> json, Map<String, Object> current, FieldType.CheckContext ctx) {
        List<FieldError> errors = new ArrayList<>();
        for (String k : json.keySet()) {
            Field f = def.field(k);
            if (f == null) {
                errors.add(new FieldError(k, "is not a field of a " + def.noun(), "the fields " + def.fieldNames()));
            }
        }
        Map<String, Object> out = new HashMap<>();
        for (Field f : def.fields()) {
            boolean given = json.containsKey(f.name());
            Object v = json.get(f.name());
            if (!given) {
                if (current != null) {
                    out.put(f.name(), current.get(f.name()));
                } else if (f.required()) {
                    errors.add(new FieldError(f.name(), "is required", f.type().allowed()));
                } else {
                    out.put(f.name(), f.defaultValue());
                }
            } else if (v == null) {
                if (f.nullable()) {
                    out.put(f.name(), null);
                } else {
                    errors.add(new FieldError(f.name(), "must not be null", f.type().allowed()));
                }
            } else {
                try {
                    out.put(f.name(), f.type().check(f.name(), v, ctx));
                } catch (ValidationException e) {
                    errors.addAll(e.errors());
                }
            }
        }
        if (errors.isEmpty()) {
            def.rules().check(out, errors);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return out;
    }
}
