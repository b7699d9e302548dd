package org.voxgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path f = dir.resolve("voxgate.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void defaultsNeedNoFile() throws Exception {
        ServerConfig c = ConfigLoader.load(null, Map.of());
        assertThat(c.sipUdpPort()).isEqualTo(5060);
        assertThat(c.sipTcpPort()).isEqualTo(5060);
        assertThat(c.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(c.rtpPortMin()).isEqualTo(20000);
        assertThat(c.mediaTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.codecs()).containsExactly("OPUS", "G722", "PCMU", "PCMA");
        assertThat(c.opusFecJitterMinMs()).isEqualTo(40);
        assertThat(c.maxTalkers()).isEqualTo(3);
        assertThat(c.demo().enabled()).isTrue();
        assertThat(c.dataDir()).isEqualTo(Path.of("data"));
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesFile() throws Exception {
        Path f = yaml("""
                sip:
                  udpPort: 5070
                  tcpPort: 5071
                rtp:
                  codecs: [PCMA]
                dataDir: /var/lib/voxgate
                demo:
                  accessCode: "424242"
                """);
        ServerConfig c = ConfigLoader.load(f, Map.of("VOXGATE_SIP_UDP_PORT", "5080", "VOXGATE_MIXER_MAX_TALKERS", "4"));
        assertThat(c.sipUdpPort()).isEqualTo(5080);
        assertThat(c.sipTcpPort()).isEqualTo(5071);
        assertThat(c.codecs()).containsExactly("PCMA");
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/voxgate"));
        assertThat(c.maxTalkers()).isEqualTo(4);
        assertThat(c.demo().accessCode()).isEqualTo("424242");
    }

    @Test
    void envNamesSplitCamelCase() {
        assertThat(Settings.byKey("sip.udpPort").envName()).isEqualTo("VOXGATE_SIP_UDP_PORT");
        assertThat(Settings.byKey("dataDir").envName()).isEqualTo("VOXGATE_DATA_DIR");
        assertThat(Settings.byKey("network.bindAddress").envName()).isEqualTo("VOXGATE_NETWORK_BIND_ADDRESS");
    }

    @Test
    void badPortNamesKeyAndRange() throws Exception {
        Path f = yaml("sip:\n  udpPort: 70000\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sip.udpPort")
                .hasMessageContaining("from 1 to 65535")
                .hasMessageContaining("VOXGATE_SIP_UDP_PORT");
    }

    @Test
    void badEnvironmentValueNamesVariable() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VOXGATE_RTP_MEDIA_TIMEOUT_SECONDS", "soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rtp.mediaTimeoutSeconds")
                .hasMessageContaining("not a whole number")
                .hasMessageContaining("environment variable VOXGATE_RTP_MEDIA_TIMEOUT_SECONDS");
    }

    @Test
    void unknownKeyListsKnownOnesOfItsSection() throws Exception {
        Path f = yaml("sip:\n  udpport: 5070\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sip.udpport")
                .hasMessageContaining("unknown setting")
                .hasMessageContaining("sip.udpPort");
    }

    @Test
    void crossFieldRules() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(yaml("rtp:\n  portMin: 20001\n"), Map.of()))
                .hasMessageContaining("rtp.portMin").hasMessageContaining("even");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("rtp:\n  portMin: 30000\n  portMax: 30000\n"), Map.of()))
                .hasMessageContaining("rtp.portMax");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("demo:\n  pin: \"1234\"\n  moderatorPin: \"1234\"\n"), Map.of()))
                .hasMessageContaining("demo.moderatorPin");
    }

    @Test
    void rtpOverTcpIsOffByDefaultAndTlsNeedsThePort() throws Exception {
        assertThat(ConfigLoader.load(null, Map.of()).rtpTcp()).isEqualTo(new ServerConfig.RtpTcp(0, false));
        assertThat(ConfigLoader.load(yaml("rtp:\n  tcpPort: 443\n  tcpTls: true\n"), Map.of()).rtpTcp())
                .isEqualTo(new ServerConfig.RtpTcp(443, true));
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VOXGATE_RTP_TCP_TLS", "true")))
                .hasMessageContaining("rtp.tcpTls");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VOXGATE_RTP_TCP_PORT", "70000")))
                .hasMessageContaining("rtp.tcpPort");
    }

    @Test
    void badValuesOfEveryKind() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VOXGATE_NETWORK_BIND_ADDRESS", "300.1.1.1")))
                .hasMessageContaining("network.bindAddress").hasMessageContaining("IP address");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VOXGATE_NETWORK_BIND_ADDRESS", "example.com")))
                .hasMessageContaining("network.bindAddress");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VOXGATE_RTP_CODECS", "PCMU,G729")))
                .hasMessageContaining("rtp.codecs").hasMessageContaining("G729");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VOXGATE_MIXER_MIX_RATE_HZ", "44100")))
                .hasMessageContaining("mixer.mixRateHz").hasMessageContaining("one of 16000, 48000, 8000");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VOXGATE_DEMO_ENABLED", "maybe")))
                .hasMessageContaining("demo.enabled").hasMessageContaining("true or false");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VOXGATE_DEMO_ACCESS_CODE", "12a4")))
                .hasMessageContaining("demo.accessCode").hasMessageContaining("4 to 16 digits");
        assertThat(ConfigLoader.load(null, Map.of("VOXGATE_NETWORK_BIND_ADDRESS", "::1")).bindAddress()).isEqualTo("::1");
    }

    @Test
    void brokenYamlSaysWhere() throws Exception {
        Path f = yaml("sip:\n  udpPort: [5060\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml"), Map.of()))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("- a\n- b\n"), Map.of()))
                .hasMessageContaining("mapping");
    }

    @Test
    void referenceYamlDocumentsEverySettingWithItsDefault() throws URISyntaxException, ConfigException {
        Path ref = Path.of(getClass().getResource("/reference.yaml").toURI());
        Map<String, String> documented = ConfigLoader.readYaml(ref);
        List<String> keys = Settings.ALL.stream().map(Setting::key).toList();
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        for (Setting s : Settings.ALL) {
            assertThat(s.type().parse(documented.get(s.key())))
                    .as(s.key()).isEqualTo(s.type().parse(s.defaultValue()));
        }
    }

    @Test
    void sipDefenceDefaultsAreKamailioPikeAndTrustedNetworksAreChecked() throws Exception {
        org.voxgate.sip.SipDefenceConfig d = ConfigLoader.load(null, Map.of()).sipDefence();
        assertThat(d.requestsPerWindow()).isEqualTo(16);
        assertThat(d.rateWindow()).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.banDuration()).isEqualTo(Duration.ofSeconds(300));
        assertThat(d.authFailuresBeforeBan()).isEqualTo(5);
        assertThat(d.trustedNetworks()).isEmpty();
        assertThat(d.maxMessageBytes()).isEqualTo(16_384);
        assertThat(d.overloadLoadRatio()).isEqualTo(0.8);

        Path y = dir.resolve("defence.yaml");
        Files.writeString(y, "sip:\n  defence:\n    trustedNetworks: [10.0.0.0/8, 2001:db8::/32, 192.0.2.7]\n"
                + "    requestsPerWindow: 40\n");
        org.voxgate.sip.SipDefenceConfig f = ConfigLoader.load(y, Map.of()).sipDefence();
        assertThat(f.trustedNetworks()).containsExactly("10.0.0.0/8", "2001:db8::/32", "192.0.2.7");
        assertThat(f.requestsPerWindow()).isEqualTo(40);

        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VOXGATE_SIP_DEFENCE_TRUSTED_NETWORKS", "10.0.0.0/40")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sip.defence.trustedNetworks");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VOXGATE_SIP_DEFENCE_TRUSTED_NETWORKS", "pbx.example")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sip.defence.trustedNetworks");
    }
}
