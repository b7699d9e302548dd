package org.voxgate.server.metrics;

import java.io.IOException;
import java.net.InetAddress;

import org.voxgate.bridge.BridgeStatistics;
import org.voxgate.bridge.api.MediaBridge;
import org.voxgate.server.config.ServerConfig;
import org.voxgate.sip.SipGateway;

/** The node's meters and their HTTP endpoint, as the composition root starts them. */
public final class MetricsModule implements AutoCloseable {
    private final NodeMeters meters;
    private final MetricsEndpoint endpoint;
    private final String host;

    private MetricsModule(NodeMeters meters, MetricsEndpoint endpoint, String host) {
        this.meters = meters;
        this.endpoint = endpoint;
        this.host = host;
    }

    /**
     * Starts serving {@code /metrics} and the health checks.
     *
     * @param bridge must be a bridge from {@code AudioBridges.create} (it implements {@link BridgeStatistics})
     * @throws IOException when the metrics address cannot be bound
     * @throws IllegalArgumentException when {@code bridge} keeps no statistics
     */
    public static MetricsModule start(ServerConfig.Metrics config, MediaBridge bridge, SipGateway gateway)
            throws IOException {
        if (!(bridge instanceof BridgeStatistics stats)) {
            throw new IllegalArgumentException("bridge keeps no statistics: " + bridge.getClass().getName());
        }
        InetAddress bind = InetAddress.getByName(config.bindAddress());
        NodeMeters meters = new NodeMeters(stats, gateway);
        try {
            return new MetricsModule(meters, MetricsEndpoint.start(bind, config.port(), meters::scrape, meters::ready),
                    bind.getHostAddress());
        } catch (IOException | RuntimeException e) {
            meters.close();
            throw e;
        }
    }

    /** The bound port. */
    public int port() {
        return endpoint.port();
    }

    public NodeMeters meters() {
        return meters;
    }

    /** The banner line. */
    public String banner() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return "  Metrics    http://" + h + ":" + port() + "/metrics (health: /health/live, /health/ready)\n";
    }

    @Override
    public void close() {
        try {
            endpoint.close();
        } finally {
            meters.close();
        }
    }
}
