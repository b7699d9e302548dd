package org.voxgate.lab.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One benchmark-and-parameters row of a JMH JSON result file ({@code -rf json}).
 *
 * @param benchmark      the full name, {@code org.voxgate.lab.jitter.JitterBufferBenchmark.insertAndPoll}
 * @param mode           {@code thrpt}, {@code avgt}, ...
 * @param params         the {@code @Param} values of this row, in JMH's order (empty when none)
 * @param score          the primary metric
 * @param scoreError     its 99.9 % half-width; NaN when JMH could not give one (a single iteration)
 * @param unit           the primary metric's unit ({@code ns/op}, {@code ops/s}, ...)
 * @param allocBytesPerOp {@code gc.alloc.rate.norm} from {@code -prof gc}; NaN without the profiler
 */
public record JmhResult(String benchmark, String mode, Map<String, String> params, double score, double scoreError,
                        String unit, double allocBytesPerOp) {

    public JmhResult {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** @return the method name, the part of {@link #benchmark()} after the last dot */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** @return the class's simple name ({@code JitterBufferBenchmark}) */
    public String simpleClassName() {
        String cls = benchmark.substring(0, benchmark.lastIndexOf('.'));
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    /** @return the parameter's value, or null when this row has no such parameter */
    public String param(String name) {
        return params.get(name);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads a JMH JSON result file's text.
     *
     * @throws IOException when it is not JSON or not an array of JMH results (the message says
     *                     which field is missing)
     */
    public static List<JmhResult> parse(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.isArray()) {
            throw new IOException("not a JMH JSON result: the top level is not an array");
        }
        List<JmhResult> out = new ArrayList<>();
        for (JsonNode r : root) {
            JsonNode primary = required(r, "primaryMetric");
            Map<String, String> params = new LinkedHashMap<>();
            JsonNode p = r.get("params");
            if (p != null && p.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    params.put(e.getKey(), e.getValue().asText());
                }
            }
            JsonNode secondary = r.get("secondaryMetrics");
            JsonNode alloc = secondary == null ? null : secondary.get("gc.alloc.rate.norm");
            out.add(new JmhResult(required(r, "benchmark").asText(), required(r, "mode").asText(), params,
                    number(required(primary, "score")), number(primary.get("scoreError")),
                    required(primary, "scoreUnit").asText(), alloc == null ? Double.NaN : number(alloc.get("score"))));
        }
        return out;
    }

    private static JsonNode required(JsonNode node, String field) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IOException("not a JMH JSON result: no \"" + field + "\"");
        }
        return v;
    }

    /** JMH writes NaN and infinities as strings ("NaN"). */
    private static double number(JsonNode v) {
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        try {
            return Double.parseDouble(v.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
