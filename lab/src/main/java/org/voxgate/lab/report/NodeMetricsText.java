package org.voxgate.lab.report;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Counters read from a node's Prometheus {@code /metrics} text for a measurement window. */
final class NodeMetricsText {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private NodeMetricsText() {}

    /**
     * The sum over every series of metric {@code name} (a line starting with the name, then a
     * space or '{'); NaN when no line has it. Comment lines are skipped.
     */
    static double value(String text, String name) {
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name) || line.length() <= name.length()) {
                continue;
            }
            char next = line.charAt(name.length());
            if (next != ' ' && next != '{') {
                continue;
            }
            String[] parts = line.substring(line.lastIndexOf('}') + 1 > 0 ? line.lastIndexOf('}') + 1 : name.length())
                    .trim().split("\\s+");
            try {
                sum += Double.parseDouble(parts[0]);
                found = true;
            } catch (NumberFormatException e) {
                // not a sample line
            }
        }
        return found ? sum : Double.NaN;
    }

    /** @throws IOException when the node does not answer 200 */
    static String fetch(URI metrics) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("HTTP " + r.statusCode() + " from " + metrics);
        }
        return r.body();
    }
}
