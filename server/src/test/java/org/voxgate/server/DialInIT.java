package org.voxgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.bridge.api.ConferenceOptions;
import org.voxgate.testing.FreePorts;
import org.voxgate.testing.Pcap;
import org.voxgate.testing.RtpStream;
import org.voxgate.testing.Sipp;
import org.voxgate.testing.Tones;

/**
 * The whole dial-in path with SIPp as the caller: INVITE, IVR, access code by RFC 4733 and
 * by in-band tones, join, BYE; and three wrong codes ending with our BYE.
 */
class DialInIT {

    @TempDir
    Path dir;

    private ServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start(dir.resolve("data"), Map.of("VOXGATE_IVR_INPUT_TIMEOUT_SECONDS", "60",
                "VOXGATE_MIXER_MAX_TALKERS", "4", "VOXGATE_MIXER_MIX_RATE_HZ", "16000"));
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void accessCodeByRfc4733JoinsTheMeeting() throws Exception {
        RtpStream rtp = new RtpStream(0x5EED, 65500, 4_000_000_000L, 101).silence(1500);
        for (char d : (ServerFixture.ACCESS_CODE + "#").toCharArray()) {
            rtp.event(d, 100).silence(100);
        }
        rtp.silence(4000);
        Sipp.Result r = callAndWatchJoin(rtp, 6000);
        assertThat(r.ok()).as(r.describe()).isTrue();
    }

    @Test
    void accessCodeByInbandTonesJoinsTheMeeting() throws Exception {
        RtpStream rtp = new RtpStream(0xB0B, 100, 0, 101).silence(1500)
                .audio(Tones.dtmfSequence(ServerFixture.ACCESS_CODE + "#", 100, 100)).silence(4000);
        Sipp.Result r = callAndWatchJoin(rtp, 6000);
        assertThat(r.ok()).as(r.describe()).isTrue();
    }

    @Test
    void threeWrongCodesEndTheCallWithBye() throws Exception {
        RtpStream rtp = new RtpStream(0xBAD, 1, 0, 101).silence(1000);
        for (String wrong : new String[] {"24#", "68#", "99#"}) {
            rtp.audio(Tones.dtmfSequence(wrong, 100, 100)).silence(4000);
        }
        rtp.silence(8000);
        Path pcap = dir.resolve("wrong.pcap");
        Pcap.writeUdp(pcap, rtp.packets(), 6000, 6000);
        Sipp.Result r = sipp("dialin-rejected.xml", pcap, 30_000).service("conference").run();
        assertThat(r.ok()).as(r.describe()).isTrue();
        assertThat(fixture.demoParticipants()).isZero();
    }

    private Sipp.Result callAndWatchJoin(RtpStream rtp, int holdMs) throws Exception {
        Path pcap = dir.resolve("caller.pcap");
        Pcap.writeUdp(pcap, rtp.packets(), 6000, 6000);
        Sipp.Running call = sipp("dialin.xml", pcap, 1500 + holdMs).service("conference").start();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> fixture.demoParticipants() == 1 || !call.isAlive());
        assertThat(fixture.demoParticipants()).as("caller joined the demo meeting").isEqualTo(1);
        ConferenceOptions options = fixture.server.bridge().findConference("demo").orElseThrow().options();
        assertThat(options).as("the mixer settings reach the meeting's conference")
                .isEqualTo(new ConferenceOptions(16000, 20, 4));
        Sipp.Result r = call.await();
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.demoParticipants() == 0);
        return r;
    }

    private Sipp sipp(String scenario, Path pcap, int holdMs) throws IOException {
        String xml = new String(getClass().getResourceAsStream("/sipp/" + scenario).readAllBytes(), StandardCharsets.UTF_8)
                .replace("@PCAP@", pcap.toString()).replace("@HOLD_MS@", Integer.toString(holdMs));
        Path work = Files.createTempDirectory(dir, "sipp-");
        Path file = work.resolve(scenario);
        Files.writeString(file, xml);
        return Sipp.scenario(file, fixture.sipTarget(), work)
                .localPort(FreePorts.udpAndTcp()).mediaPort(FreePorts.udpRange(4)).timeout(Duration.ofSeconds(60));
    }
}
