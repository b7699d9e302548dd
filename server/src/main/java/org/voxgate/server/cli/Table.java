package org.voxgate.server.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.vertx.core.json.JsonArray;

/** A plain-text table with columns padded to their widest cell; null shows as "-", lists comma-joined. */
final class Table {

    private final String[] headings;
    private final List<String[]> rows = new ArrayList<>();

    Table(String... headings) {
        this.headings = headings.clone();
    }

    /** {@code accessCode} to {@code ACCESS_CODE}. */
    static String heading(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** @param cells one per heading (fewer are padded with empty cells) */
    Table row(Object... cells) {
        String[] r = new String[headings.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = i < cells.length ? cell(cells[i]) : "";
        }
        rows.add(r);
        return this;
    }

    static String cell(Object v) {
        if (v == null) {
            return "-";
        }
        if (v instanceof JsonArray a) {
            List<String> parts = new ArrayList<>();
            a.forEach(x -> parts.add(String.valueOf(x)));
            return String.join(",", parts);
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(x -> parts.add(String.valueOf(x)));
            return String.join(",", parts);
        }
        // Cells are one line: a control character would break the layout (or a terminal).
        return String.valueOf(v).replaceAll("\\p{Cntrl}", "?");
    }

    void print(PrintWriter out) {
        int[] width = new int[headings.length];
        for (int i = 0; i < width.length; i++) {
            width[i] = headings[i].length();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        line(out, headings, width);
        for (String[] r : rows) {
            line(out, r, width);
        }
    }

    private static void line(PrintWriter out, String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            sb.append(cells[i]);
            if (i < cells.length - 1) {
                sb.append(" ".repeat(width[i] - cells[i].length() + 2));
            }
        }
        out.println(sb);
    }
}
