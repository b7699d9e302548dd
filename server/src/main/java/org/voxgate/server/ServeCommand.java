package org.voxgate.server;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.server.config.ConfigException;
import org.voxgate.server.config.ConfigLoader;
import org.voxgate.server.config.ServerConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code voxgate serve}: runs the server until SIGTERM or SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the server (embedded default: no configuration needed).")
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    private static volatile boolean serving;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML settings file (see reference.yaml); environment variables VOXGATE_* override it.")
    Path config;

    static boolean serving() {
        return serving;
    }

    @Override
    public Integer call() throws Exception {
        ServerConfig cfg;
        try {
            cfg = ConfigLoader.load(config, System.getenv());
        } catch (ConfigException e) {
            System.err.println("voxgate: configuration error: " + e.getMessage());
            return 2;
        }
        VoxgateServer server;
        try {
            server = VoxgateServer.start(cfg);
        } catch (StartupException e) {
            System.err.println("voxgate: cannot start: " + e.getMessage());
            return 1;
        }
        serving = true;
        System.out.println(server.banner());
        System.out.flush();
        Shutdown.onTermination(() -> {
            LOG.info("shutting down");
            server.close();
            LOG.info("stopped");
        });
        return 0;
    }
}
