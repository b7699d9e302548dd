package org.voxgate.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.voxgate.sip.SipDefenceConfig;

/**
 * The server's checked settings. Built by {@link ConfigLoader}; every module gets the plain
 * values it needs from here, never a file.
 */
public record ServerConfig(
        String bindAddress,
        String advertisedAddress,
        Path dataDir,
        int sipUdpPort,
        int sipTcpPort,
        int sipMaxCalls,
        int sessionExpiresSeconds,
        int minSessionExpiresSeconds,
        int rtpPortMin,
        int rtpPortMax,
        Duration mediaTimeout,
        int jitterMinMs,
        int jitterMaxMs,
        int opusFecJitterMinMs,
        List<String> codecs,
        int mixerThreads,
        int mixRateHz,
        int ptimeMs,
        int maxTalkers,
        Duration digitTimeout,
        Duration inputTimeout,
        int maxAttempts,
        Demo demo,
        Admin admin,
        SipTls sipTls,
        Metrics metrics,
        RtpTcp rtpTcp, SipDefenceConfig sipDefence, SipAdmission sipAdmission, Duration dialOutRingTimeout) {

    /** RTP over TCP (keys {@code rtp.tcpPort}, {@code rtp.tcpTls}): port 0 is off. */
    public record RtpTcp(int port, boolean tls) {}

    /**
     * Who may call without a trunk, and the realm of our digest challenges (keys
     * {@code sip.localCallerNetworks}, {@code sip.realm}).
     *
     * @param realm            empty: the advertised address
     * @param digestAlgorithms  of our challenges, preferred first (key {@code sip.digestAlgorithms})
     * @param dnsServers        who locates trunk hosts (RFC 3263), empty for /etc/resolv.conf's (key {@code sip.dnsServers})
     */
    public record SipAdmission(List<String> localCallerNetworks, String realm, List<String> digestAlgorithms,
                               List<String> dnsServers) {
        public SipAdmission(List<String> localCallerNetworks, String realm, List<String> digestAlgorithms) {
            this(localCallerNetworks, realm, digestAlgorithms, List.of());
        }
    }

    /**
     * SIP over TLS: port (0: off) and the PEM pair, both empty for a generated self-signed one.
     */
    /** @param trustStoreFile PEM CA bundle for carriers' certificates; empty: the JDK's cacerts */
    public record SipTls(int port, String certFile, String keyFile, String trustStoreFile) {
        public SipTls(int port, String certFile, String keyFile) {
            this(port, certFile, keyFile, "");
        }
    }

    /** The metrics and health endpoints (keys {@code metrics.*}); port 0 takes any free port. */
    public record Metrics(boolean enabled, String bindAddress, int port) {}

    /** The demo meeting created at start-up. */
    public record Demo(boolean enabled, String number, String directNumber, String accessCode, String pin, String moderatorPin,
                       int maxParticipants) {}

    /**
     * The admin API's and admin database's settings (keys {@code admin.*} and {@code database.*}).
     * {@link #toString()} hides the secrets.
     */
    public record Admin(boolean enabled, String bindAddress, int port, boolean plainHttp, String tlsCertFile,
                        String tlsKeyFile, boolean allowInternalTrunkHosts, int authFailureLimit,
                        Duration authFailureWindow, Duration lockout, String bootstrapKey, String databaseUrl,
                        String databaseUser, String databasePassword, int databaseMaxPoolSize, String masterKey,
                        int rateLimitPerSecond, int rateBurst) {
        @Override
        public String toString() {
            return "Admin[enabled=" + enabled + ", bind=" + bindAddress + ":" + port + ", plainHttp=" + plainHttp
                    + ", database=" + (databaseUrl.isEmpty() ? "embedded" : "external") + ", secrets hidden]";
        }
    }

    static ServerConfig from(Map<String, Object> v) throws ConfigException {
        int rtpMin = (Integer) v.get("rtp.portMin");
        int rtpMax = (Integer) v.get("rtp.portMax");
        if (rtpMin % 2 != 0) {
            throw new ConfigException("rtp.portMin", rtpMin + " is odd; allowed: an even port (RTP takes the even port, RTCP the next)");
        }
        if (rtpMax - rtpMin < 1) {
            throw new ConfigException("rtp.portMax", rtpMax + " leaves no room for one RTP/RTCP pair above rtp.portMin "
                    + rtpMin + "; allowed: at least rtp.portMin + 1");
        }
        int jMin = (Integer) v.get("rtp.jitterMinMs");
        int jMax = (Integer) v.get("rtp.jitterMaxMs");
        if (jMax < jMin) {
            throw new ConfigException("rtp.jitterMaxMs", jMax + " is below rtp.jitterMinMs " + jMin
                    + "; allowed: at least rtp.jitterMinMs");
        }
        int se = (Integer) v.get("sip.sessionExpiresSeconds");
        int minSe = (Integer) v.get("sip.minSessionExpiresSeconds");
        if (se < minSe) {
            throw new ConfigException("sip.sessionExpiresSeconds", se + " is below sip.minSessionExpiresSeconds " + minSe
                    + "; allowed: at least sip.minSessionExpiresSeconds (RFC 4028)");
        }
        String pin = (String) v.get("demo.pin");
        String modPin = (String) v.get("demo.moderatorPin");
        if (!modPin.isEmpty() && modPin.equals(pin)) {
            throw new ConfigException("demo.moderatorPin", "is the same as demo.pin; allowed: a different PIN, or empty");
        }
        String direct = (String) v.get("demo.directNumber");
        if (direct.equals(v.get("demo.number"))) {
            throw new ConfigException("demo.directNumber", "is the same as demo.number; allowed: a different number, or empty");
        }
        @SuppressWarnings("unchecked")
        List<String> codecs = (List<String>) v.get("rtp.codecs");
        return new ServerConfig(
                (String) v.get("network.bindAddress"),
                (String) v.get("network.advertisedAddress"),
                Path.of((String) v.get("dataDir")),
                (Integer) v.get("sip.udpPort"),
                (Integer) v.get("sip.tcpPort"),
                (Integer) v.get("sip.maxCalls"),
                se,
                minSe,
                rtpMin,
                rtpMax,
                Duration.ofSeconds((Integer) v.get("rtp.mediaTimeoutSeconds")),
                jMin,
                jMax,
                (Integer) v.get("rtp.opusFecJitterMinMs"),
                codecs,
                (Integer) v.get("mixer.threads"),
                Integer.parseInt((String) v.get("mixer.mixRateHz")),
                Integer.parseInt((String) v.get("mixer.ptimeMs")),
                (Integer) v.get("mixer.maxTalkers"),
                Duration.ofSeconds((Integer) v.get("ivr.digitTimeoutSeconds")),
                Duration.ofSeconds((Integer) v.get("ivr.inputTimeoutSeconds")),
                (Integer) v.get("ivr.maxAttempts"),
                new Demo((Boolean) v.get("demo.enabled"), (String) v.get("demo.number"),
                        (String) v.get("demo.directNumber"),
                        (String) v.get("demo.accessCode"), pin, modPin, (Integer) v.get("demo.maxParticipants")),
                admin(v),
                sipTls(v),
                new Metrics((Boolean) v.get("metrics.enabled"), (String) v.get("metrics.bindAddress"),
                        (Integer) v.get("metrics.port")),
                rtpTcp(v), sipDefence(v), sipAdmission(v),
                Duration.ofSeconds((Integer) v.get("sip.dialOutRingTimeoutSeconds")));
    }

    private static RtpTcp rtpTcp(Map<String, Object> v) throws ConfigException {
        int port = (Integer) v.get("rtp.tcpPort");
        boolean tls = (Boolean) v.get("rtp.tcpTls");
        if (tls && port == 0) {
            throw new ConfigException("rtp.tcpTls", "is true while rtp.tcpPort is 0 (off); allowed: set rtp.tcpPort too");
        }
        return new RtpTcp(port, tls);
    }

    private static SipDefenceConfig sipDefence(Map<String, Object> v) throws ConfigException {
        String trusted = (String) v.get("sip.defence.trustedNetworks");
        List<String> cidrs = trusted.isEmpty() ? List.of()
                : java.util.Arrays.stream(trusted.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
        for (String c : cidrs) {
            String addr = c.contains("/") ? c.substring(0, c.indexOf('/')) : c;
            int bits;
            byte[] bytes;
            try {
                bytes = java.net.InetAddress.getByName(addr).getAddress(); // numeric by the setting's pattern
                bits = c.contains("/") ? Integer.parseInt(c.substring(c.indexOf('/') + 1)) : bytes.length * 8;
            } catch (java.net.UnknownHostException | NumberFormatException e) {
                throw new ConfigException("sip.defence.trustedNetworks", "'" + c + "' is not a numeric address or CIDR block");
            }
            if (bits > bytes.length * 8) {
                throw new ConfigException("sip.defence.trustedNetworks", "'" + c + "' has a prefix longer than its address");
            }
        }
        SipDefenceConfig d = SipDefenceConfig.defaults();
        return new SipDefenceConfig((Integer) v.get("sip.defence.requestsPerWindow"),
                Duration.ofSeconds((Integer) v.get("sip.defence.rateWindowSeconds")),
                Duration.ofSeconds((Integer) v.get("sip.defence.banSeconds")),
                (Integer) v.get("sip.defence.authFailuresBeforeBan"),
                Duration.ofSeconds((Integer) v.get("sip.defence.authFailureWindowSeconds")), cidrs,
                d.maxTrackedSources(), (Integer) v.get("sip.defence.maxMessageBytes"),
                (Integer) v.get("sip.defence.maxRequestUriLength"), (Integer) v.get("sip.defence.maxHeaders"),
                (Integer) v.get("sip.defence.maxNewInvitesPerSecond"),
                (Integer) v.get("sip.defence.overloadLoadPercent") / 100.0, d.retryAfterSeconds(),
                d.scannerUserAgents());
    }

    @SuppressWarnings("unchecked")
    private static SipAdmission sipAdmission(Map<String, Object> v) {
        String dns = ((String) v.get("sip.dnsServers")).trim();
        return new SipAdmission((List<String>) v.get("sip.localCallerNetworks"), (String) v.get("sip.realm"),
                (List<String>) v.get("sip.digestAlgorithms"),
                dns.isEmpty() ? List.of() : List.of(dns.split("\\s*,\\s*")));
    }

    private static SipTls sipTls(Map<String, Object> v) throws ConfigException {
        String cert = (String) v.get("sip.tlsCertFile");
        String key = (String) v.get("sip.tlsKeyFile");
        if (cert.isEmpty() != key.isEmpty()) {
            throw new ConfigException(cert.isEmpty() ? "sip.tlsCertFile" : "sip.tlsKeyFile",
                    "is empty while the other is set; allowed: both sip.tlsCertFile and sip.tlsKeyFile, or neither");
        }
        return new SipTls((Integer) v.get("sip.tlsPort"), cert, key, (String) v.get("sip.tlsTrustStore"));
    }

    private static Admin admin(Map<String, Object> v) throws ConfigException {
        String bind = (String) v.get("admin.bindAddress");
        boolean plain = (Boolean) v.get("admin.plainHttp");
        if (plain && !bind.equals("127.0.0.1") && !bind.equals("::1") && !bind.startsWith("127.")) {
            throw new ConfigException("admin.plainHttp", "is true but admin.bindAddress " + bind
                    + " is not loopback; allowed: true only with admin.bindAddress 127.0.0.1 or ::1");
        }
        String cert = (String) v.get("admin.tlsCertFile");
        String key = (String) v.get("admin.tlsKeyFile");
        if (cert.isEmpty() != key.isEmpty()) {
            throw new ConfigException(cert.isEmpty() ? "admin.tlsCertFile" : "admin.tlsKeyFile",
                    "is empty while the other is set; allowed: both admin.tlsCertFile and admin.tlsKeyFile, or neither");
        }
        return new Admin((Boolean) v.get("admin.enabled"), bind, (Integer) v.get("admin.port"), plain, cert, key,
                (Boolean) v.get("admin.allowInternalTrunkHosts"), (Integer) v.get("admin.authFailureLimit"),
                Duration.ofSeconds((Integer) v.get("admin.authFailureWindowSeconds")),
                Duration.ofSeconds((Integer) v.get("admin.lockoutSeconds")), (String) v.get("admin.bootstrapKey"),
                (String) v.get("database.url"), (String) v.get("database.username"),
                (String) v.get("database.password"), (Integer) v.get("database.maxPoolSize"),
                (String) v.get("database.masterKey"), (Integer) v.get("admin.rateLimitPerSecond"),
                (Integer) v.get("admin.rateBurst"));
    }
}
