package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.sip.fake.FakeMediaBridge;
import org.voxgate.sip.sipp.Sipp;
import org.voxgate.testing.FreePorts;
import org.voxgate.testing.Peers;

/**
 * baresip (libre) as a carrier's UA calling in with digest credentials (account line with
 * auth_user/auth_pass) from 127.0.0.2, which only the digest trunk admits.
 */
class BaresipDigestIT {
    @TempDir
    Path dir;

    private FakeMediaBridge bridge;
    private SipGateway gateway;
    private int port;
    private final List<CallRecord> records = new CopyOnWriteArrayList<>();
    private final TrunkAdmissionIT.MutableTrunks trunks = new TrunkAdmissionIT.MutableTrunks();

    @BeforeEach
    void start() throws Exception {
        port = Sipp.freePort();
        bridge = FakeMediaBridge.autoPlaying(Duration.ofMillis(50));
        gateway = new SipGateway(SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(port, port)
                .withAdmission(List.of("127.0.0.1/32"), "voxgate.test")
                // baresip 1.0 (libre) ends the call with ENOSYS on a SHA-256 challenge instead of
                // skipping to the MD5 one (RFC 8760 section 2.4 says to skip): challenge with MD5 only
                .withDigestAlgorithms(List.of("MD5")), bridge, new TrunkAdmissionIT.TwoTenants(),
                records::add, trunks);
        gateway.start();
        trunks.set(TrunkAdmissionIT.trunk("d1", "a", List.of(), new Trunk.Credentials("carrier", "s3cret-pass", null),
                10, 10));
    }

    @AfterEach
    void stop() {
        gateway.close();
        bridge.close();
    }

    private Process baresip(String password) throws Exception {
        Path exe = Peers.requireCommand("baresip");
        Path home = Files.createDirectories(dir.resolve("baresip-" + password));
        int sip = FreePorts.udpAndTcp();
        int rtp = FreePorts.udpRange(10);
        Files.writeString(home.resolve("config"), String.join("\n",
                "poll_method epoll",
                "sip_listen 127.0.0.2:" + sip,
                "audio_source aubridge,p",
                "audio_player aubridge,p",
                "audio_srate 8000",
                "audio_channels 1",
                "rtp_ports " + rtp + "-" + (rtp + 9),
                "module_path /usr/lib/baresip/modules",
                "module menu.so", "module g711.so", "module aubridge.so", "module account.so", ""));
        Files.writeString(home.resolve("accounts"), "<sip:carrier@127.0.0.2:" + sip + ">;auth_user=carrier;auth_pass="
                + password + ";regint=0;audio_codecs=PCMU\n");
        return new ProcessBuilder(exe.toString(), "-f", home.toString(), "-t", "6", "-e",
                "/dial sip:a-direct@127.0.0.1:" + port).redirectErrorStream(true)
                .redirectOutput(home.resolve("baresip.log").toFile()).start();
    }

    @Test
    void baresipAnswersOurChallengeAndIsAdmittedOnTheDigestTrunk() throws Exception {
        Process p = baresip("s3cret-pass");
        p.waitFor(); // baresip hangs up when -t runs out
        await().atMost(Duration.ofSeconds(10)).until(() -> !records.isEmpty());
        CallRecord r = records.get(0);
        assertThat(r.answerTime()).as(log("s3cret-pass")).isNotNull();
        assertThat(r.trunkId()).isEqualTo("d1");
        assertThat(r.cause()).isEqualTo(EndCause.CALLER_HANGUP);
    }

    @Test
    void baresipWithAWrongPasswordIsRefused() throws Exception {
        long before = gateway.statistics().securityRejections().get(SecurityReason.AUTH_FAILED);
        Process p = baresip("wrong-pass");
        p.waitFor();
        assertThat(gateway.statistics().securityRejections().get(SecurityReason.AUTH_FAILED)).as(log("wrong-pass"))
                .isGreaterThan(before);
        assertThat(records).isEmpty();
    }

    private String log(String password) throws Exception {
        Path f = dir.resolve("baresip-" + password).resolve("baresip.log");
        return Files.exists(f) ? Files.readString(f) : "(no log)";
    }
}
