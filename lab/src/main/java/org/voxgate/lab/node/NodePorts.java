package org.voxgate.lab.node;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Free loopback ports and the environment that starts a node on them. */
final class NodePorts {
    final int sip;
    final int rtpMin;
    final int rtpCount;
    final int metrics;

    NodePorts(int rtpCount) {
        this.sip = udpAndTcp();
        this.rtpCount = rtpCount;
        this.rtpMin = udpRange(rtpCount);
        this.metrics = udpAndTcp();
    }

    /** Environment variables (the server's reference.yaml names) of a loopback node with a demo meeting. */
    Map<String, String> env(String dataDir, String accessCode, int maxParticipants) {
        Map<String, String> env = new HashMap<>();
        env.put("VOXGATE_NETWORK_BIND_ADDRESS", "127.0.0.1");
        env.put("VOXGATE_DATA_DIR", dataDir);
        env.put("VOXGATE_SIP_UDP_PORT", Integer.toString(sip));
        env.put("VOXGATE_SIP_TCP_PORT", Integer.toString(sip));
        env.put("VOXGATE_RTP_PORT_MIN", Integer.toString(rtpMin));
        env.put("VOXGATE_RTP_PORT_MAX", Integer.toString(rtpMin + rtpCount - 1));
        env.put("VOXGATE_DEMO_ACCESS_CODE", accessCode);
        env.put("VOXGATE_DEMO_MAX_PARTICIPANTS", Integer.toString(maxParticipants));
        env.put("VOXGATE_SIP_MAX_CALLS", Integer.toString(Math.max(100, maxParticipants * 2)));
        env.put("VOXGATE_ADMIN_ENABLED", "false");
        env.put("VOXGATE_METRICS_PORT", Integer.toString(metrics));
        env.put("VOXGATE_LOG_LEVEL", "WARN");
        // the lab calls from loopback at rates the per-source pike limit would ban
        env.put("VOXGATE_SIP_DEFENCE_TRUSTED_NETWORKS", "127.0.0.1/32");
        env.put("VOXGATE_SIP_TLS_PORT", "0");
        return env;
    }

    private static int udpAndTcp() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            if (freeUdp(port) && freeTcp(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free UDP+TCP port");
    }

    private static int udpRange(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            // below Linux's ephemeral ports (32768-60999): the generator's own RTP sockets bind
            // port 0, and with hundreds of calls they took ports of the node's range, which then
            // answered 503 ("could not bind an RTP/RTCP port pair")
            int base = ThreadLocalRandom.current().nextInt(10_000, Math.max(10_001, 20_000 - count)) & ~1;
            boolean ok = true;
            for (int p = base; p < base + count && ok; p++) {
                ok = freeUdp(p);
            }
            if (ok) {
                return base;
            }
        }
        throw new IllegalStateException("no free UDP range of " + count);
    }

    /** @return a loopback TCP port free now (20000-29999) */
    static int freeTcpPort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            if (freeTcp(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free TCP port");
    }

    private static boolean freeUdp(int port) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean freeTcp(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
