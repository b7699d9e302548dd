package org.voxgate.server.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.voxgate.bridge.BridgeSnapshot;
import org.voxgate.bridge.BridgeStatistics;
import org.voxgate.sip.EndCause;
import org.voxgate.sip.SecurityReason;
import org.voxgate.sip.RegistrationState;
import org.voxgate.sip.RegistrationStatus;
import org.voxgate.sip.SipGateway;
import org.voxgate.sip.SipStatistics;

/**
 * The node's meters in one Prometheus registry. Module counters are read once per scrape
 * ({@link #scrape()}), never on the media path.
 *
 * <table>
 *   <caption>Voxgate meters (Prometheus names)</caption>
 *   <tr><td>{@code voxgate_calls_active}</td><td>calls from INVITE until they end</td></tr>
 *   <tr><td>{@code voxgate_calls_started_total}</td><td>new INVITEs that started a call</td></tr>
 *   <tr><td>{@code voxgate_calls_ended_total{cause}}</td><td>by {@link EndCause}</td></tr>
 *   <tr><td>{@code voxgate_legs_open}, {@code voxgate_conferences_active}</td><td>bridge now</td></tr>
 *   <tr><td>{@code voxgate_rtp_packets_received_total}, {@code _sent_total}, {@code _lost_total}</td><td>all legs</td></tr>
 *   <tr><td>{@code voxgate_rtp_packets_dropped_total{reason}}</td><td>by the bridge's drop reason</td></tr>
 *   <tr><td>{@code voxgate_mixer_late_ticks_total}</td><td>mixer ticks more than half a period late</td></tr>
 *   <tr><td>{@code voxgate_sip_requests_received_total{method}}</td><td>unknown methods as OTHER</td></tr>
 *   <tr><td>{@code voxgate_sip_responses_sent_total{method,status}}, {@code _received_total}</td><td></td></tr>
 *   <tr><td>{@code voxgate_ivr_outcomes_total{outcome}}</td><td>JOINED or the IVR's end reason</td></tr>
 *   <tr><td>{@code voxgate_sip_security_rejections_total{reason}}</td><td>refusals in the security log, by {@link SecurityReason}</td></tr>
 *   <tr><td>{@code voxgate_sip_banned_sources}</td><td>sources banned now (rate limit, failed authentications)</td></tr>
 *   <tr><td>{@code voxgate_sip_registrations{state}}</td><td>trunks whose outbound registration is in each
 *       {@link RegistrationState} now (every state present, 0 when none)</td></tr>
 *   <tr><td>{@code voxgate_process_resident_memory_bytes}</td><td>RSS (Linux), with Micrometer's JVM and process meters</td></tr>
 * </table>
 */
public final class NodeMeters implements AutoCloseable {
    private static final Path STATM = Path.of("/proc/self/statm");
    private static final long PAGE_BYTES = 4096;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MonotonicCounters counters = new MonotonicCounters(registry);
    private final BridgeStatistics bridge;
    private final SipGateway gateway;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private volatile BridgeSnapshot last;
    private volatile Map<RegistrationState, Integer> registrations = Map.of();

    /**
     * @param bridge  the bridge's counters
     * @param gateway the SIP gateway (active calls and its counters)
     */
    public NodeMeters(BridgeStatistics bridge, SipGateway gateway) {
        this.bridge = bridge;
        this.gateway = gateway;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        Gauge.builder("voxgate.calls.active", gateway, SipGateway::activeCalls)
                .description("calls from INVITE until they end").register(registry);
        Gauge.builder("voxgate.sip.banned.sources", gateway, SipGateway::bannedSources)
                .description("sources banned now by the SIP defence (rate limit, failed authentications)")
                .register(registry);
        Gauge.builder("voxgate.legs.open", this, m -> m.last == null ? 0 : m.last.openLegs())
                .description("media legs open").register(registry);
        Gauge.builder("voxgate.conferences.active", this, m -> m.last == null ? 0 : m.last.conferences())
                .description("conferences live").register(registry);
        for (RegistrationState st : RegistrationState.values()) {
            Gauge.builder("voxgate.sip.registrations", this, m -> m.registrations.getOrDefault(st, 0))
                    .tag("state", st.name()).description("trunks whose outbound registration is in this state")
                    .register(registry);
        }
        if (Files.isReadable(STATM)) {
            Gauge.builder("voxgate.process.resident.memory", NodeMeters::residentBytes).baseUnit("bytes")
                    .description("resident set size of this process").register(registry);
        }
        refresh();
    }

    /** Reads the modules' counters into the meters. */
    void refresh() {
        BridgeSnapshot b = bridge.snapshot();
        last = b;
        counters.set("voxgate.rtp.packets.received", "RTP packets accepted by all legs", Tags.empty(), b.packetsReceived());
        counters.set("voxgate.rtp.packets.sent", "RTP packets sent by all legs", Tags.empty(), b.packetsSent());
        counters.set("voxgate.rtp.packets.lost", "RTP packets lost (RFC 3550 A.3), all legs", Tags.empty(), b.packetsLost());
        counters.set("voxgate.mixer.late.ticks", "mixer ticks started more than half a period late", Tags.empty(),
                b.lateTicks());
        for (Map.Entry<String, Long> e : b.packetsDroppedByReason().entrySet()) {
            counters.set("voxgate.rtp.packets.dropped", "datagrams refused, by reason", Tags.of("reason", e.getKey()),
                    e.getValue());
        }
        Map<RegistrationState, Integer> byState = new EnumMap<>(RegistrationState.class);
        for (RegistrationStatus r : gateway.registrations().values()) {
            byState.merge(r.state(), 1, Integer::sum);
        }
        registrations = byState;
        SipStatistics s = gateway.statistics();
        counters.set("voxgate.calls.started", "new INVITEs that started a call", Tags.empty(), s.callsStarted());
        for (Map.Entry<EndCause, Long> e : s.callsEnded().entrySet()) {
            counters.set("voxgate.calls.ended", "calls ended, by cause", Tags.of("cause", e.getKey().name()), e.getValue());
        }
        for (Map.Entry<String, Long> e : s.requestsReceived().entrySet()) {
            counters.set("voxgate.sip.requests.received", "SIP requests received, by method",
                    Tags.of("method", e.getKey()), e.getValue());
        }
        for (Map.Entry<SipStatistics.MethodStatus, Long> e : s.responsesSent().entrySet()) {
            counters.set("voxgate.sip.responses.sent", "SIP responses sent, by method and status",
                    Tags.of("method", e.getKey().method(), "status", Integer.toString(e.getKey().status())), e.getValue());
        }
        for (Map.Entry<SipStatistics.MethodStatus, Long> e : s.responsesReceived().entrySet()) {
            counters.set("voxgate.sip.responses.received", "SIP responses received to our requests",
                    Tags.of("method", e.getKey().method(), "status", Integer.toString(e.getKey().status())), e.getValue());
        }
        for (Map.Entry<SecurityReason, Long> e : s.securityRejections().entrySet()) {
            counters.set("voxgate.sip.security.rejections", "SIP traffic refused by the defence, by reason",
                    Tags.of("reason", e.getKey().name()), e.getValue());
        }
        for (Map.Entry<String, Long> e : s.ivrOutcomes().entrySet()) {
            counters.set("voxgate.ivr.outcomes", "IVR outcomes", Tags.of("outcome", e.getKey()), e.getValue());
        }
    }

    /** Refreshes and renders every meter in the Prometheus text format 0.0.4. */
    public synchronized String scrape() {
        refresh();
        return registry.scrape();
    }

    /** SIP is listening and the bridge is up. */
    public boolean ready() {
        return gateway.running() && bridge.running();
    }

    private static double residentBytes() {
        try {
            String[] f = Files.readString(STATM).trim().split(" ");
            return Long.parseLong(f[1]) * PAGE_BYTES;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
