package org.voxgate.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.bridge.AudioBridges;
import org.voxgate.bridge.BridgeConfig;
import org.voxgate.bridge.TcpMediaConfig;
import org.voxgate.bridge.api.ConferenceOptions;
import org.voxgate.bridge.api.MediaBridge;
import org.voxgate.server.admin.AdminConfig;
import org.voxgate.server.admin.AdminModule;
import org.voxgate.server.config.ServerConfig;
import org.voxgate.server.metrics.MetricsModule;
import org.voxgate.sip.CallListener;
import org.voxgate.sip.MeetingDirectory;
import org.voxgate.sip.SipConfig;
import org.voxgate.sip.SipGateway;
import org.voxgate.sip.SipTls;
import org.voxgate.sip.TrunkDirectory;

/**
 * The composition root: builds the bridge and the SIP gateway from the configuration and
 * owns their lifecycle. The only place that wires modules together.
 */
public final class VoxgateServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VoxgateServer.class);

    private final ServerConfig config;
    private final InetAddress advertised;
    private final MediaBridge bridge;
    private final SipGateway gateway;
    private final InMemoryMeetingDirectory meetings;
    private final String demoAccessCode;
    private final AdminModule admin;
    private volatile MetricsModule metrics; // set right after construction when metrics.enabled

    private VoxgateServer(ServerConfig config, InetAddress advertised, MediaBridge bridge, SipGateway gateway,
                          InMemoryMeetingDirectory meetings, String demoAccessCode, AdminModule admin) {
        this.config = config;
        this.advertised = advertised;
        this.bridge = bridge;
        this.gateway = gateway;
        this.meetings = meetings;
        this.demoAccessCode = demoAccessCode;
        this.admin = admin;
    }

    /** Starts everything, or nothing: on failure what was started is closed again. */
    public static VoxgateServer start(ServerConfig config) throws StartupException {
        DataDirectory data;
        String accessCode;
        try {
            data = DataDirectory.open(config.dataDir());
            accessCode = config.demo().enabled() ? data.demoAccessCode(config.demo().accessCode()) : null;
        } catch (IOException e) {
            throw new StartupException("data directory " + config.dataDir().toAbsolutePath() + ": " + e.getMessage(), e);
        }
        InetAddress bind;
        InetAddress advertised;
        try {
            bind = InetAddress.getByName(config.bindAddress());
            advertised = NetworkAddresses.advertised(config.advertisedAddress(), bind);
        } catch (UnknownHostException e) {
            throw new StartupException("bad address: " + e.getMessage(), e);
        }

        InMemoryMeetingDirectory meetings = new InMemoryMeetingDirectory();
        if (accessCode != null) {
            ServerConfig.Demo d = config.demo();
            meetings.addDemo(d.number(), d.directNumber(), accessCode, d.pin(), d.moderatorPin(), d.maxParticipants());
        }

        AdminModule admin = null;
        MeetingDirectory directory = meetings;
        TrunkDirectory trunks = TrunkDirectory.none();
        CallListener cdrs = new CdrLog();
        if (config.admin().enabled()) {
            try {
                admin = AdminModule.start(AdminConfig.from(config.admin(), List.of(advertised.getHostAddress())),
                        data.root());
            } catch (IOException e) {
                throw new StartupException("admin API: " + e.getMessage(), e);
            }
            directory = admin.meetingDirectory(meetings);
            trunks = admin.trunkDirectory();
            CallListener store = admin.callListener();
            CallListener log = cdrs;
            cdrs = record -> {
                log.callEnded(record);
                store.callEnded(record);
            };
        }

        MediaBridge bridge;
        try {
            bridge = AudioBridges.create(new BridgeConfig(bind, advertised, config.rtpPortMin(),
                    config.rtpPortMax(), config.mediaTimeout(), config.mixerThreads(), config.codecs(),
                    config.jitterMinMs(), config.jitterMaxMs(), config.opusFecJitterMinMs(), tcpMedia(config, advertised, data.root())));
        } catch (IOException | RuntimeException e) {
            if (admin != null) {
                admin.close();
            }
            throw new StartupException("RTP over TCP (rtp.tcpPort " + config.rtpTcp().port() + "): " + e.getMessage(), e);
        }
        SipGateway gateway;
        try {
            gateway = new SipGateway(sipConfig(config, advertised, data.root()), bridge, directory, cdrs, trunks)
                    .allowLoopbackTrunkHosts(config.admin().allowInternalTrunkHosts())
                    .dnsServers(config.sipAdmission().dnsServers());
            org.voxgate.sip.DialOutSettings d = org.voxgate.sip.DialOutSettings.defaults();
            gateway.dialOutSettings(new org.voxgate.sip.DialOutSettings(config.dialOutRingTimeout(), d.hostTimeout(),
                    d.confirmTimeout(), d.confirmPlays()));
            gateway.start();
            if (admin != null) {
                admin.registrations(gateway::registrations);
                admin.attachGateway(gateway);
            }
        } catch (Exception e) {
            bridge.close();
            if (admin != null) {
                admin.close();
            }
            throw new StartupException("SIP on " + config.bindAddress() + " udp/" + config.sipUdpPort() + " tcp/"
                    + config.sipTcpPort() + " tls/" + config.sipTls().port() + ": " + e.getMessage(), e);
        }
        LOG.info("started sipUdp={} sipTcp={} advertised={} rtpPorts={}-{} dataDir={}", config.sipUdpPort(),
                config.sipTcpPort(), advertised.getHostAddress(), config.rtpPortMin(), config.rtpPortMax(),
                data.root());
        VoxgateServer server = new VoxgateServer(config, advertised, bridge, gateway, meetings, accessCode, admin);
        if (config.metrics().enabled()) {
            try {
                server.metrics = MetricsModule.start(config.metrics(), bridge, gateway);
            } catch (IOException e) {
                server.close();
                throw new StartupException("metrics on " + config.metrics().bindAddress() + ":"
                        + config.metrics().port() + ": " + e.getMessage(), e);
            }
        }
        return server;
    }

    /** rtp.tcpPort / rtp.tcpTls; TLS uses the SIP-TLS certificate files (or the generated pair). */
    private static TcpMediaConfig tcpMedia(ServerConfig c, InetAddress advertised, Path dataDir) throws IOException {
        ServerConfig.RtpTcp t = c.rtpTcp();
        if (t.port() == 0) {
            return TcpMediaConfig.DISABLED;
        }
        TcpMediaConfig tcp = TcpMediaConfig.on(t.port());
        if (t.tls()) {
            SipTls id = SipTlsFiles.load(c.sipTls().certFile(), c.sipTls().keyFile(), dataDir,
                    List.of(advertised.getHostAddress()));
            tcp = tcp.withTls(new TcpMediaConfig.Tls(id.privateKey(), id.chain()));
        }
        return tcp;
    }

    private static SipConfig sipConfig(ServerConfig c, InetAddress advertised, Path dataDir) throws IOException {
        ServerConfig.SipTls t = c.sipTls();
        return new SipConfig(c.bindAddress(), advertised.getHostAddress(), c.sipUdpPort(), c.sipTcpPort(),
                c.sipMaxCalls(), c.sessionExpiresSeconds(), c.minSessionExpiresSeconds(), c.digitTimeout(),
                c.inputTimeout(), c.maxAttempts(), "Voxgate", t.port(), t.port() == 0 ? null
                        : SipTlsFiles.load(t.certFile(), t.keyFile(), dataDir, List.of(advertised.getHostAddress()))
                                .withTrustAnchors(SipTlsFiles.trustAnchors(t.trustStoreFile())),
                new ConferenceOptions(c.mixRateHz(), c.ptimeMs(), c.maxTalkers()),
                c.sipAdmission().localCallerNetworks(),
                c.sipAdmission().realm().isEmpty() ? null : c.sipAdmission().realm(),
                c.sipAdmission().digestAlgorithms(), c.sipDefence());
    }

    /** What an operator needs to place a first call. */
    public String banner() {
        String host = hostForUri(advertised);
        StringBuilder sb = new StringBuilder("Voxgate is running\n");
        sb.append("  SIP        udp+tcp ").append(host).append(':').append(config.sipUdpPort());
        if (config.sipTcpPort() != config.sipUdpPort()) {
            sb.append(" (tcp ").append(config.sipTcpPort()).append(')');
        }
        sb.append('\n');
        if (config.sipTls().port() > 0) {
            sb.append("  SIP-TLS    tls ").append(host).append(':').append(config.sipTls().port()).append('\n');
        }
        if (demoAccessCode != null) {
            sb.append("  Demo       dial sip:").append(config.demo().number()).append('@').append(host).append(':')
                    .append(config.sipUdpPort()).append(", then enter access code ").append(demoAccessCode)
                    .append(" and #");
            if (!config.demo().pin().isEmpty()) {
                sb.append(" (PIN required)");
            }
            sb.append('\n');
            sb.append("             callers from ").append(String.join(", ", config.sipAdmission().localCallerNetworks()))
                    .append(" only; others need a trunk, or their network in sip.localCallerNetworks\n");
        }
        if (admin != null) {
            sb.append(admin.banner());
        }
        if (metrics != null) {
            sb.append(metrics.banner());
        }
        return sb.toString();
    }

    private static String hostForUri(InetAddress a) {
        String h = a.getHostAddress();
        return h.indexOf(':') >= 0 ? "[" + h + "]" : h;
    }

    public MediaBridge bridge() {
        return bridge;
    }

    public SipGateway gateway() {
        return gateway;
    }

    /** The admin API and store, or empty when {@code admin.enabled} is false. */
    public java.util.Optional<AdminModule> admin() {
        return java.util.Optional.ofNullable(admin);
    }

    public InMemoryMeetingDirectory meetings() {
        return meetings;
    }

    public String demoAccessCode() {
        return demoAccessCode;
    }

    /** The metrics port, or -1 when metrics are off. */
    public int metricsPort() {
        return metrics == null ? -1 : metrics.port();
    }

    /** Hangs up every call with BYE, then stops SIP and media. */
    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            try {
                bridge.close();
            } finally {
                try {
                    if (admin != null) {
                        admin.close();
                    }
                } finally {
                    if (metrics != null) {
                        metrics.close(); // last: readiness says 503 while calls drain
                    }
                }
            }
        }
    }
}
