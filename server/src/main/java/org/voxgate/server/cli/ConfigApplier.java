package org.voxgate.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.voxgate.server.admin.AdminApi;

import io.vertx.core.json.JsonObject;

/**
 * Carries out a {@link ConfigPlan}. First it reads the server again and stops, having changed
 * nothing, when any object of the plan was changed, created or deleted since the diff. Then
 * it sends each step, updates and deletes with If-Match naming the version the diff saw, so
 * an edit that slips in between is refused (412) instead of overwritten; it stops at the
 * first refusal and says how far it got (the API has no transaction across requests, and a
 * second apply finishes the rest).
 */
final class ConfigApplier {

    private final AdminClient client;
    private final PrintWriter out;
    private final PrintWriter err;

    ConfigApplier(AdminClient client, PrintWriter out, PrintWriter err) {
        this.client = client;
        this.out = out;
        this.err = err;
    }

    /** @return 0 when every step was applied, else {@link AdminCommand#API_ERROR} after printing why */
    int apply(ConfigPlan plan) throws IOException, ApiException {
        ConfigSnapshot now = ConfigSnapshot.read(client);
        List<String> moved = new ArrayList<>();
        for (ConfigPlan.Step s : plan.inApplyOrder()) {
            ConfigSnapshot.Current c = now.of(s.kind()).get(s.key());
            if (s.op() == ConfigPlan.Op.CREATE ? c != null : c == null || c.version() != s.version()) {
                moved.add(s.kind().noun + " " + s.key() + (c == null ? " (now absent)"
                        : s.op() == ConfigPlan.Op.CREATE ? " (now present)" : " (version " + s.version() + " -> " + c.version() + ")"));
            }
        }
        if (!moved.isEmpty()) {
            err.println("voxgate: changed on the server since the diff: " + String.join(", ", moved));
            err.println("voxgate: nothing was applied; run apply again to see the new diff");
            return AdminCommand.API_ERROR;
        }
        return applyUnchecked(plan, now);
    }

    /** The steps, with If-Match as the only guard (for {@link #apply} and tests of that guard). */
    int applyUnchecked(ConfigPlan plan, ConfigSnapshot now) throws IOException {
        Map<ConfigKind, Map<String, String>> ids = new EnumMap<>(ConfigKind.class);
        for (ConfigKind k : ConfigKind.values()) {
            Map<String, String> m = new HashMap<>();
            now.of(k).forEach((key, cur) -> m.put(key, cur.id()));
            ids.put(k, m);
        }
        List<ConfigPlan.Step> steps = plan.inApplyOrder();
        int done = 0;
        for (ConfigPlan.Step s : steps) {
            String base = "/" + s.kind().section;
            AdminClient.Answer a = switch (s.op()) {
                case CREATE -> client.send("POST", base, body(s, ids, true).encode(), null);
                case UPDATE -> client.send("PATCH", base + "/" + s.id(), body(s, ids, false).encode(),
                        AdminApi.etag(s.version()));
                case DELETE -> client.send("DELETE", base + "/" + s.id(), null, AdminApi.etag(s.version()));
            };
            if (!a.ok()) {
                if (a.status() == 412) {
                    err.println("voxgate: " + s.kind().noun + " " + s.key()
                            + " was changed on the server after the diff (412 Precondition failed)");
                } else {
                    AdminCommand.printProblem(err, a);
                }
                err.println("voxgate: stopped at \"" + s.describe() + "\" after applying " + done + " of " + steps.size()
                        + " change(s); run apply again to see what is left");
                err.flush();
                return AdminCommand.API_ERROR;
            }
            if (s.op() == ConfigPlan.Op.CREATE) {
                ids.get(s.kind()).put(s.key(), new JsonObject(a.body()).getString("id"));
            }
            done++;
            out.println(switch (s.op()) {
                case CREATE -> "created ";
                case UPDATE -> "updated ";
                case DELETE -> "deleted ";
            } + s.kind().noun + " " + s.key());
        }
        out.println("applied " + done + " change(s)");
        return 0;
    }

    /** The API body of a step: natural references turned into ids; on create, no null fields. */
    private static JsonObject body(ConfigPlan.Step s, Map<ConfigKind, Map<String, String>> ids, boolean create) {
        JsonObject o = new JsonObject();
        for (Map.Entry<String, Object> e : s.body().entrySet()) {
            String name = e.getKey();
            Object v = e.getValue();
            if (name.equals("trunk")) {
                name = "trunkId";
                v = v == null ? null : ids.get(ConfigKind.TRUNKS).get(v);
            } else if (name.equals("meeting")) {
                name = "meetingId";
                v = v == null ? null : ids.get(ConfigKind.MEETINGS).get(v);
            }
            if (v != null || !create) {
                o.put(name, v);
            }
        }
        return o;
    }
}
