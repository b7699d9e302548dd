package org.voxgate.sip.sipp;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.voxgate.testing.Peers;

/** Runs one SIPp scenario from {@code src/test/resources/sipp/} as a UAC against the gateway. */
public final class Sipp {
    private Sipp() {
    }

    /** What SIPp did: exit status 0 means every call of the scenario passed. */
    public record Result(int exitCode, String errors, String messages) {
        public boolean passed() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return "sipp exit " + exitCode + "\n--- errors ---\n" + errors + "\n--- messages ---\n" + messages;
        }
    }

    /** A port free on loopback for both UDP and TCP, chosen now. */
    public static int freePort() throws IOException {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                    udp.setReuseAddress(true);
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no free port for UDP and TCP");
    }

    public static Result run(String scenario, int gatewayPort, Map<String, String> keys) throws Exception {
        return run(scenario, gatewayPort, keys, List.of());
    }

    /** @param extraArgs more SIPp options, for example {@code -t t1} (TCP) or {@code -mp <port>} */
    public static Result run(String scenario, int gatewayPort, Map<String, String> keys, List<String> extraArgs)
            throws Exception {
        return run(scenario, gatewayPort, keys, extraArgs, 1, 1);
    }

    /** Places {@code calls} calls of the scenario, {@code ratePerSecond} new ones a second, all at once allowed. */
    public static Result runMany(String scenario, int gatewayPort, int calls, int ratePerSecond) throws Exception {
        return run(scenario, gatewayPort, Map.of(), List.of("-r", Integer.toString(ratePerSecond)), calls, calls);
    }

    private static Result run(String scenario, int gatewayPort, Map<String, String> keys, List<String> extraArgs,
                              int calls, int concurrent) throws Exception {
        return runFrom("127.0.0.1", scenario, gatewayPort, keys, extraArgs, calls, concurrent);
    }

    /**
     * As {@link #runMany} from another loopback source address ({@code 127.0.0.2}: Linux
     * answers the whole 127/8 on lo), so tests can tell sources apart.
     */
    public static Result runFrom(String localIp, String scenario, int gatewayPort, Map<String, String> keys,
                                 List<String> extraArgs, int calls, int concurrent) throws Exception {
        return runVia(localIp, "127.0.0.1", scenario, gatewayPort, keys, extraArgs, calls, concurrent);
    }

    /**
     * As {@link #runFrom}, sending to {@code remoteIp:remotePort} (a proxy in front of the
     * gateway, for example) instead of the gateway on 127.0.0.1.
     */
    public static Result runVia(String localIp, String remoteIp, String scenario, int remotePort,
                                Map<String, String> keys, List<String> extraArgs, int calls, int concurrent)
            throws Exception {
        Path sipp = Peers.requireCommand("sipp");
        Path dir = Files.createTempDirectory("sipp-");
        Path file = dir.resolve(scenario);
        try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + scenario)) {
            if (in == null) {
                throw new IllegalArgumentException("no scenario " + scenario);
            }
            Files.copy(in, file);
        }
        Path errors = dir.resolve("errors.log");
        Path messages = dir.resolve("messages.log");
        List<String> cmd = new ArrayList<>(List.of(sipp.toString(), remoteIp + ":" + remotePort,
                "-sf", file.toString(), "-m", Integer.toString(calls), "-l", Integer.toString(concurrent), "-i", localIp, "-p", Integer.toString(freePort()),
                "-timeout", "20", "-timeout_error", "-nostdin", "-trace_err", "-error_file", errors.toString(),
                "-trace_msg", "-message_file", messages.toString(), "-s", "conf"));
        cmd.addAll(extraArgs);
        keys.forEach((k, v) -> {
            cmd.add("-key");
            cmd.add(k);
            cmd.add(v);
        });
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        if (!p.waitFor(40, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("sipp did not finish: " + scenario);
        }
        return new Result(p.exitValue(), read(errors), read(messages));
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }
}
