package org.voxgate.server.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads samples out of the Prometheus text exposition format 0.0.4 (what {@code /metrics}
 * serves), for tests and the lab's load reports. Only what those need: sample lines
 * {@code name{label="value",...} number}, comments skipped, no timestamps or escapes beyond
 * {@code \"} and {@code \\} in label values.
 */
public final class PrometheusText {
    private PrometheusText() {}

    /**
     * The sum of every sample of {@code name} whose labels include all of {@code labels}; NaN
     * when there is none.
     */
    public static double sum(String text, String name, Map<String, String> labels) {
        double total = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#' || !line.startsWith(name)) {
                continue;
            }
            int end = name.length();
            if (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                continue; // a longer name with this prefix
            }
            Map<String, String> have = new LinkedHashMap<>();
            int valueStart = end;
            if (end < line.length() && line.charAt(end) == '{') {
                valueStart = parseLabels(line, end + 1, have);
                if (valueStart < 0) {
                    continue;
                }
            }
            if (!have.entrySet().containsAll(labels.entrySet())) {
                continue;
            }
            String[] rest = line.substring(valueStart).trim().split(" ");
            try {
                total += Double.parseDouble(rest[0]);
                found = true;
            } catch (NumberFormatException e) {
                // not a sample line after all
            }
        }
        return found ? total : Double.NaN;
    }

    /** As {@link #sum(String, String, Map)} without a label filter. */
    public static double sum(String text, String name) {
        return sum(text, name, Map.of());
    }

    /** Parses {@code a="x",b="y"}} from {@code from}; the index after '}', or -1 when malformed. */
    private static int parseLabels(String line, int from, Map<String, String> out) {
        int i = from;
        while (i < line.length() && line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                return -1;
            }
            String key = line.substring(i, eq).trim();
            StringBuilder v = new StringBuilder();
            int j = eq + 2;
            for (; j < line.length() && line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\' && j + 1 < line.length()) {
                    c = line.charAt(++j);
                    v.append(c == 'n' ? '\n' : c);
                } else {
                    v.append(c);
                }
            }
            if (j >= line.length()) {
                return -1;
            }
            out.put(key, v.toString());
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        return i < line.length() ? i + 1 : -1;
    }
}
