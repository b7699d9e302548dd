package org.voxgate.server.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.voxgate.server.store.Field;

/**
 * The difference between a {@link ConfigFile.Desired} and a {@link ConfigSnapshot}: one step
 * per object to create, update (only the fields that differ) or delete, each holding the
 * version it was computed against so the change is sent with If-Match.
 *
 * <p>Secrets cannot be compared (the API never returns them): a secret the file names is
 * sent when the server has none, and cleared when the file has none but the server has one;
 * a secret set on both sides counts as unchanged, so applying twice changes nothing. The user
 * of the caller's key is never deleted.
 */
final class ConfigPlan {

    enum Op { CREATE, UPDATE, DELETE }

    /**
     * @param id      the server's id (update, delete), else null
     * @param version the version the step was computed against (update, delete)
     * @param body    natural fields to send (create: all; update: the changed ones), else empty
     * @param changes for the printout: "field: old -> new" (secrets only "set" or "cleared")
     */
    record Step(Op op, ConfigKind kind, String key, String id, int version, Map<String, Object> body,
                List<String> changes) {
        String describe() {
            return switch (op) {
                case CREATE -> "create " + kind.noun + " " + key;
                case UPDATE -> "update " + kind.noun + " " + key;
                case DELETE -> "delete " + kind.noun + " " + key;
            };
        }
    }

    private final List<Step> steps;
    private final List<String> notes;

    private ConfigPlan(List<Step> steps, List<String> notes) {
        this.steps = List.copyOf(steps);
        this.notes = List.copyOf(notes);
    }

    /**
     * @param selfUserId the user of the caller's key (never deleted)
     * @throws ConfigFile.Invalid when a number names a trunk or meeting that will not exist, or
     *                            the file manages users the caller may not read
     */
    static ConfigPlan diff(ConfigFile.Desired want, ConfigSnapshot have, String selfUserId) throws ConfigFile.Invalid {
        List<String> problems = new ArrayList<>();
        if (want.manages(ConfigKind.USERS) && !have.readable(ConfigKind.USERS)) {
            problems.add("users: your role may not read or change users; remove the section");
        }
        if (want.manages(ConfigKind.NUMBERS)) {
            for (Map.Entry<String, Map<String, Object>> e : want.sections().get(ConfigKind.NUMBERS).entrySet()) {
                String trunk = (String) e.getValue().get("trunk");
                String meeting = (String) e.getValue().get("meeting");
                if (!exists(want, have, ConfigKind.TRUNKS, trunk)) {
                    problems.add("numbers " + e.getKey() + ".trunk: no trunk named " + trunk
                            + "; allowed: the name of a trunk in the file or on the server");
                }
                if (meeting != null && !exists(want, have, ConfigKind.MEETINGS, meeting)) {
                    problems.add("numbers " + e.getKey() + ".meeting: no meeting with access code " + meeting
                            + "; allowed: the access code of a meeting in the file or on the server");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigFile.Invalid(problems);
        }
        List<Step> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (ConfigKind k : ConfigKind.values()) {
            if (!want.manages(k)) {
                continue;
            }
            TreeMap<String, Map<String, Object>> wanted = want.sections().get(k);
            TreeMap<String, ConfigSnapshot.Current> present = have.of(k);
            for (Map.Entry<String, Map<String, Object>> e : wanted.entrySet()) {
                ConfigSnapshot.Current cur = present.get(e.getKey());
                if (cur == null) {
                    steps.add(new Step(Op.CREATE, k, e.getKey(), null, 0, e.getValue(), List.of()));
                } else {
                    Step s = update(k, e.getKey(), e.getValue(), cur);
                    if (s != null) {
                        steps.add(s);
                    }
                }
            }
            for (Map.Entry<String, ConfigSnapshot.Current> e : present.entrySet()) {
                if (wanted.containsKey(e.getKey())) {
                    continue;
                }
                if (k == ConfigKind.USERS && e.getValue().id().equals(selfUserId)) {
                    notes.add("keeps user " + e.getKey() + ": it is the user of your API key");
                    continue;
                }
                steps.add(new Step(Op.DELETE, k, e.getKey(), e.getValue().id(), e.getValue().version(), Map.of(),
                        List.of()));
            }
        }
        return new ConfigPlan(steps, notes);
    }

    private static boolean exists(ConfigFile.Desired want, ConfigSnapshot have, ConfigKind k, String key) {
        return want.manages(k) ? want.sections().get(k).containsKey(key) : have.of(k).containsKey(key);
    }

    private static Step update(ConfigKind k, String key, Map<String, Object> want, ConfigSnapshot.Current cur) {
        Map<String, Object> body = new LinkedHashMap<>();
        List<String> changes = new ArrayList<>();
        for (Field f : k.def.fields()) {
            String name = ConfigKind.naturalName(f);
            Object w = want.get(name);
            if (f.secret()) {
                boolean set = Boolean.TRUE.equals(cur.natural().get(f.setFlagName()));
                if (w != null && !set) {
                    body.put(name, w);
                    changes.add(name + ": set");
                } else if (w == null && set) {
                    body.put(name, null);
                    changes.add(name + ": cleared");
                }
            } else {
                Object c = cur.natural().get(name);
                if (!Objects.equals(w, c)) {
                    body.put(name, w);
                    changes.add(name + ": " + Table.cell(c) + " -> " + Table.cell(w));
                }
            }
        }
        return body.isEmpty() ? null : new Step(Op.UPDATE, k, key, cur.id(), cur.version(), body, changes);
    }

    boolean isEmpty() {
        return steps.isEmpty();
    }

    int size() {
        return steps.size();
    }

    /**
     * The steps in an order the server accepts: creates and updates of users, trunks and
     * meetings; then deletes of numbers; creates and updates of numbers (which may now point
     * at new trunks and meetings); and last deletes of meetings, trunks and users (no number
     * refers to them any more).
     */
    List<Step> inApplyOrder() {
        List<Step> out = new ArrayList<>();
        for (Step s : steps) {
            if (s.op() != Op.DELETE && s.kind() != ConfigKind.NUMBERS) {
                out.add(s);
            }
        }
        for (Step s : steps) {
            if (s.op() == Op.DELETE && s.kind() == ConfigKind.NUMBERS) {
                out.add(s);
            }
        }
        for (Step s : steps) {
            if (s.op() != Op.DELETE && s.kind() == ConfigKind.NUMBERS) {
                out.add(s);
            }
        }
        for (ConfigKind k : new ConfigKind[] {ConfigKind.MEETINGS, ConfigKind.TRUNKS, ConfigKind.USERS}) {
            for (Step s : steps) {
                if (s.op() == Op.DELETE && s.kind() == k) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** The plan for a person: one line per object ({@code +} create, {@code ~} update, {@code -} delete). */
    void print(PrintWriter out) {
        int[] count = new int[Op.values().length];
        for (Step s : steps) {
            count[s.op().ordinal()]++;
            String mark = s.op() == Op.CREATE ? "+ " : s.op() == Op.UPDATE ? "~ " : "- ";
            out.println(mark + s.describe() + (s.changes().isEmpty() ? "" : ": " + String.join("; ", s.changes())));
        }
        for (String n : notes) {
            out.println("  (" + n + ")");
        }
        if (steps.isEmpty()) {
            out.println("No changes: the server matches the file.");
        } else {
            out.println(steps.size() + " change(s): " + count[0] + " to create, " + count[1] + " to update, "
                    + count[2] + " to delete");
        }
    }
}
