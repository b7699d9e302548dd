package org.voxgate.lab.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.voxgate.server.metrics.PrometheusText;

/**
 * Reads the node's {@code /metrics} once a second during a run: CPU, memory, calls, late ticks.
 * The first and last scrapes give the deltas of counters over the run.
 */
final class NodeMetricsPoller implements AutoCloseable {
    private final URI uri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String first;
    private volatile String last;
    private volatile String error;
    private volatile NodeSample latest;
    private String steady;
    private long steadyNanos;
    private long lastNanos;
    private double cpuSum;
    private int cpuSamples;
    private double cpuMax;
    private double rssMax;
    private double heapMax;
    private double activeMax;

    /** A point reading for the progress line. */
    record NodeSample(double cpuShare, double rssBytes, double lateTicks, double callsActive) {}

    /** @param uri the node's metrics URL, or null for none */
    NodeMetricsPoller(URI uri) {
        this.uri = uri;
        this.thread = new Thread(this::loop, "lab-node-metrics");
        this.thread.setDaemon(true);
        if (uri != null) {
            String text = fetch();
            first = text;
            last = text;
            thread.start();
        }
    }

    private String fetch() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                error = "HTTP " + r.statusCode() + " from " + uri;
                return null;
            }
            return r.body();
        } catch (java.io.IOException e) {
            error = e.toString() + " (" + uri + ")";
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    private synchronized void sample() {
        String text = fetch();
        if (text == null) {
            return;
        }
        if (first == null) {
            first = text;
        }
        last = text;
        lastNanos = System.nanoTime();
        double cpu = PrometheusText.sum(text, "process_cpu_usage");
        double rss = PrometheusText.sum(text, "voxgate_process_resident_memory_bytes");
        double heap = PrometheusText.sum(text, "jvm_memory_used_bytes", Map.of("area", "heap"));
        double active = PrometheusText.sum(text, "voxgate_calls_active");
        if (!Double.isNaN(cpu)) {
            cpuSum += cpu;
            cpuSamples++;
            cpuMax = Math.max(cpuMax, cpu);
        }
        rssMax = max(rssMax, rss);
        heapMax = max(heapMax, heap);
        activeMax = max(activeMax, active);
        latest = new NodeSample(cpu, rss, PrometheusText.sum(text, "voxgate_mixer_late_ticks_total"), active);
    }

    private static double max(double a, double b) {
        return Double.isNaN(b) ? a : Math.max(a, b);
    }

    NodeSample latest() {
        return latest;
    }

    /**
     * Every call is up and through the IVR: scrapes now, so that {@link Summary#steady()} covers
     * from here to {@link #finish()} (the hold, without the set-up and IVR phase).
     */
    synchronized void markSteady() {
        if (uri == null) {
            return;
        }
        String text = fetch();
        if (text != null) {
            steady = text;
            steadyNanos = System.nanoTime();
        }
    }

    /** Takes a last scrape and stops. */
    synchronized Summary finish() {
        running = false;
        thread.interrupt();
        if (uri == null) {
            return null;
        }
        sample();
        if (first == null || last == null) {
            return new Summary(error, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Map.of(), 0, null);
        }
        double cpuAvg = cpuSamples == 0 ? Double.NaN : cpuSum / cpuSamples;
        Map<String, Double> deltas = new java.util.LinkedHashMap<>();
        for (String[] m : new String[][] {
                {"mixer late ticks", "voxgate_mixer_late_ticks_total"},
                {"calls started", "voxgate_calls_started_total"},
                {"IVR joins", "voxgate_ivr_outcomes_total", "outcome", "JOINED"},
                {"RTP packets received", "voxgate_rtp_packets_received_total"},
                {"RTP packets sent", "voxgate_rtp_packets_sent_total"},
                {"RTP packets lost (node's receivers)", "voxgate_rtp_packets_lost_total"},
                {"RTP packets dropped", "voxgate_rtp_packets_dropped_total"},
                {"CPU seconds", "process_cpu_time_ns_total"},
                {"GC pause seconds", "jvm_gc_pause_seconds_sum"}}) {
            Map<String, String> labels = m.length == 4 ? Map.of(m[2], m[3]) : Map.of();
            double d = PrometheusText.sum(last, m[1], labels) - PrometheusText.sum(first, m[1], labels);
            if (m[1].equals("process_cpu_time_ns_total")) {
                d /= 1e9;
            }
            deltas.put(m[0], d);
        }
        Steady hold = null;
        if (steady != null && lastNanos > steadyNanos) {
            double seconds = (lastNanos - steadyNanos) / 1e9;
            double cpuNs = PrometheusText.sum(last, "process_cpu_time_ns_total")
                    - PrometheusText.sum(steady, "process_cpu_time_ns_total");
            hold = new Steady(seconds, cpuNs / 1e9 / seconds,
                    PrometheusText.sum(last, "voxgate_mixer_late_ticks_total")
                            - PrometheusText.sum(steady, "voxgate_mixer_late_ticks_total"));
        }
        return new Summary(error, cpuAvg, cpuMax, rssMax, heapMax, activeMax, deltas,
                PrometheusText.sum(last, "system_cpu_count"), hold);
    }

    /**
     * @param cpuAvg   mean of {@code process_cpu_usage} (share of all the node's cores, 0..1)
     * @param deltas   counters over the run, by label
     * @param cpuCount the node's cores
     * @param steady   from {@link #markSteady()} to the last scrape, or null when not marked
     */
    record Summary(String error, double cpuAvg, double cpuMax, double rssMaxBytes, double heapMaxBytes,
                   double callsActiveMax, Map<String, Double> deltas, double cpuCount, Steady steady) {}

    /**
     * The window with every call up.
     *
     * @param seconds   its length
     * @param cores     the node's CPU time ({@code process_cpu_time_ns_total}) over it, in cores
     * @param lateTicks mixer late ticks in it
     */
    record Steady(double seconds, double cores, double lateTicks) {}

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
