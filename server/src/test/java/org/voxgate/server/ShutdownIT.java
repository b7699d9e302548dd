package org.voxgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.testing.FreePorts;
import org.voxgate.testing.Pcap;
import org.voxgate.testing.RtpStream;
import org.voxgate.testing.Sipp;

/**
 * {@code voxgate serve} as its own process: it prints the demo meeting, and SIGTERM hangs up
 * a call in progress with BYE and exits with status 0 within a few seconds.
 */
class ShutdownIT {

    @TempDir
    Path dir;

    @Test
    void sigtermHangsUpCallsAndExitsCleanly() throws Exception {
        Map<String, String> env = ServerFixture.environment(dir.resolve("data"), Map.of());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.voxgate.server.Main", "serve").redirectErrorStream(true);
        pb.environment().putAll(env);
        Process server = pb.start();
        List<String> output = new ArrayList<>();
        CompletableFuture<Void> banner = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.contains("access code " + ServerFixture.ACCESS_CODE)) {
                        banner.complete(null);
                    }
                }
            } catch (Exception e) {
                banner.completeExceptionally(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            banner.get(30, TimeUnit.SECONDS);
            synchronized (output) {
                assertThat(String.join("\n", output)).contains("sip:conference@127.0.0.1:" + env.get("VOXGATE_SIP_UDP_PORT"));
            }

            RtpStream rtp = new RtpStream(0x51, 10, 0, 101).silence(500);
            for (char d : (ServerFixture.ACCESS_CODE + "#").toCharArray()) {
                rtp.event(d, 100).silence(100);
            }
            rtp.silence(20_000);
            Path pcap = dir.resolve("caller.pcap");
            Pcap.writeUdp(pcap, rtp.packets(), 6000, 6000);
            String xml = new String(getClass().getResourceAsStream("/sipp/dialin-rejected.xml").readAllBytes(),
                    StandardCharsets.UTF_8).replace("@PCAP@", pcap.toString()).replace("@HOLD_MS@", "20000");
            Path work = Files.createDirectories(dir.resolve("sipp"));
            Path scenario = work.resolve("dialin-rejected.xml");
            Files.writeString(scenario, xml);
            Sipp.Running call = Sipp.scenario(scenario, "127.0.0.1:" + env.get("VOXGATE_SIP_UDP_PORT"), work)
                    .service("conference").localPort(FreePorts.udpAndTcp()).mediaPort(FreePorts.udpRange(4))
                    .timeout(Duration.ofSeconds(40)).start();

            Thread.sleep(3000); // in the meeting by now
            long t0 = System.nanoTime();
            server.destroy(); // SIGTERM
            assertThat(server.waitFor(8, TimeUnit.SECONDS)).as("exited within 8 s").isTrue();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Sipp.Result r = call.await();
            synchronized (output) {
                assertThat(server.exitValue()).as(String.join("\n", output)).isZero();
            }
            assertThat(r.ok()).as("caller got our BYE\n" + r.describe()).isTrue();
            assertThat(ms).isLessThan(8000);
        } finally {
            server.destroyForcibly();
        }
    }
}
