package org.voxgate.lab.load;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.voxgate.server.VoxgateServer;
import org.voxgate.server.config.ConfigLoader;
import org.voxgate.testing.FreePorts;

/**
 * The node the load ITs run against: a whole server in this JVM on loopback, default codecs
 * (rtp.codecs OPUS,G722,PCMU,PCMA), a demo meeting reached by {@link #CODE} through the IVR,
 * /metrics on a free port, the generator's address trusted by the SIP defence, optionally a
 * SIP-TLS port (self-signed certificate in its data directory).
 */
final class LoopbackNode implements AutoCloseable {
    static final String CODE = "2468";

    private final VoxgateServer server;
    private final int sipPort;
    private final int tlsPort;

    private LoopbackNode(VoxgateServer server, int sipPort, int tlsPort) {
        this.server = server;
        this.sipPort = sipPort;
        this.tlsPort = tlsPort;
    }

    /** @param tls open a SIP-TLS port ({@link #tlsPort()}); else none (5061 may be taken by a parallel build) */
    static LoopbackNode start(Path dataDir, boolean tls) throws Exception {
        int sip = FreePorts.udpAndTcp();
        int tlsPort = tls ? FreePorts.udpAndTcp() : 0;
        int rtp = FreePorts.udpRange(40);
        Map<String, String> env = new HashMap<>();
        env.put("VOXGATE_NETWORK_BIND_ADDRESS", "127.0.0.1");
        env.put("VOXGATE_DATA_DIR", dataDir.resolve("data").toString());
        env.put("VOXGATE_SIP_UDP_PORT", Integer.toString(sip));
        env.put("VOXGATE_SIP_TCP_PORT", Integer.toString(sip));
        env.put("VOXGATE_SIP_TLS_PORT", Integer.toString(tlsPort));
        env.put("VOXGATE_RTP_PORT_MIN", Integer.toString(rtp));
        env.put("VOXGATE_RTP_PORT_MAX", Integer.toString(rtp + 39));
        env.put("VOXGATE_DEMO_ACCESS_CODE", CODE);
        env.put("VOXGATE_ADMIN_ENABLED", "false");
        env.put("VOXGATE_METRICS_PORT", "0");
        // the generator places calls from one address, well above the per-source pike limit
        env.put("VOXGATE_SIP_DEFENCE_TRUSTED_NETWORKS", "127.0.0.1/32");
        return new LoopbackNode(VoxgateServer.start(ConfigLoader.load(null, env)), sip, tlsPort);
    }

    int sipPort() {
        return sipPort;
    }

    int tlsPort() {
        return tlsPort;
    }

    URI metricsUri() {
        return URI.create("http://127.0.0.1:" + server.metricsPort() + "/metrics");
    }

    @Override
    public void close() {
        server.close();
    }
}
