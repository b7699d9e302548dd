package org.voxgate.server.cli;

import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Option;

/** A command that prints API objects: as tables, or with {@code --json} as the API's JSON (for scripts). */
abstract class TableCommand extends AdminCommand {

    @Option(names = "--json", description = "print the API's JSON instead of a table (for scripts)")
    boolean json;

    TableCommand(Map<String, String> env) {
        super(env);
    }

    /** One object: pretty JSON with --json, else a FIELD VALUE table. */
    void printObject(JsonObject o) {
        if (json) {
            out().println(o.encodePrettily());
            return;
        }
        Table t = new Table("FIELD", "VALUE");
        for (Map.Entry<String, Object> e : o) {
            t.row(e.getKey(), e.getValue());
        }
        t.print(out());
    }

    /** A page answer ({@code items}, {@code total}, {@code nextOffset}): JSON, or the columns as a table. */
    void printPage(JsonObject page, List<String> columns) {
        if (json) {
            out().println(page.encodePrettily());
            return;
        }
        Table t = new Table(columns.stream().map(Table::heading).toArray(String[]::new));
        for (Object o : page.getJsonArray("items")) {
            JsonObject item = (JsonObject) o;
            t.row(columns.stream().map(item::getValue).toArray());
        }
        t.print(out());
        Integer next = page.getInteger("nextOffset");
        out().println(page.getJsonArray("items").size() + " of " + page.getInteger("total")
                + (next == null ? "" : "; next page: --offset " + next));
    }

    /**
     * After an object that carries a new API key ({@code key} or {@code apiKey}): says that the
     * key is shown this once.
     */
    void warnKeyShownOnce(JsonObject o) {
        if (!json && (o.containsKey("key") || o.containsKey("apiKey"))) {
            out().println();
            out().println("The API key above is shown this once: store it now (it is kept only as a hash).");
        }
    }
}
