package org.voxgate.lab.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.voxgate.server.VoxgateServer;
import org.voxgate.server.config.ConfigLoader;

/** A whole Voxgate server in this JVM on loopback, with a demo meeting reached by access code. */
public final class InProcessNode implements AutoCloseable {
    private final VoxgateServer server;
    private final NodePorts ports;
    private final String accessCode;

    /**
     * @param maxParticipants of the demo meeting (and twice that, at least 100, calls)
     * @throws IOException when the node does not start
     */
    public InProcessNode(String accessCode, int maxParticipants) throws IOException {
        this.accessCode = accessCode;
        this.ports = new NodePorts(Math.max(40, maxParticipants * 2 + 20));
        Path data = Files.createTempDirectory("voxgate-lab-node");
        try {
            server = VoxgateServer.start(ConfigLoader.load(null, ports.env(data.toString(), accessCode, maxParticipants)));
        } catch (Exception e) {
            throw new IOException("the in-process node did not start: " + e.getMessage(), e);
        }
    }

    public int sipPort() {
        return ports.sip;
    }

    public int metricsPort() {
        return server.metricsPort();
    }

    public String accessCode() {
        return accessCode;
    }

    @Override
    public void close() {
        server.close();
    }
}
