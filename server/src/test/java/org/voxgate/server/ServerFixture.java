package org.voxgate.server;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.voxgate.server.config.ConfigLoader;
import org.voxgate.server.config.ServerConfig;
import org.voxgate.testing.FreePorts;

/** A whole server in this JVM on loopback, on free ports, with a data directory of the test's. */
public final class ServerFixture implements AutoCloseable {

    static final String ACCESS_CODE = "1357";

    public final VoxgateServer server;
    final int sipPort;
    final Map<String, String> env;

    private ServerFixture(VoxgateServer server, int sipPort, Map<String, String> env) {
        this.server = server;
        this.sipPort = sipPort;
        this.env = env;
    }

    static Map<String, String> environment(Path dataDir, Map<String, String> extra) {
        int sip = FreePorts.udpAndTcp();
        int rtp = FreePorts.udpRange(40);
        Map<String, String> env = new HashMap<>();
        env.put("VOXGATE_NETWORK_BIND_ADDRESS", "127.0.0.1");
        env.put("VOXGATE_DATA_DIR", dataDir.toString());
        env.put("VOXGATE_SIP_UDP_PORT", Integer.toString(sip));
        env.put("VOXGATE_SIP_TCP_PORT", Integer.toString(sip));
        env.put("VOXGATE_SIP_TLS_PORT", Integer.toString(FreePorts.udpAndTcp()));
        env.put("VOXGATE_RTP_PORT_MIN", Integer.toString(rtp));
        env.put("VOXGATE_RTP_PORT_MAX", Integer.toString(rtp + 39));
        env.put("VOXGATE_DEMO_ACCESS_CODE", ACCESS_CODE);
        env.put("VOXGATE_DEMO_DIRECT_NUMBER", "demo");
        env.put("VOXGATE_ADMIN_PORT", "0");
        env.put("VOXGATE_METRICS_PORT", "0");
        env.putAll(extra);
        return env;
    }

    public static ServerFixture start(Path dataDir, Map<String, String> extra) throws Exception {
        Map<String, String> env = environment(dataDir, extra);
        ServerConfig config = ConfigLoader.load(null, env);
        return new ServerFixture(VoxgateServer.start(config), config.sipUdpPort(), env);
    }

    public String sipTarget() {
        return "127.0.0.1:" + sipPort;
    }

    int demoParticipants() {
        return server.bridge().findConference("demo").map(c -> c.size()).orElse(0);
    }

    @Override
    public void close() {
        server.close();
    }
}
