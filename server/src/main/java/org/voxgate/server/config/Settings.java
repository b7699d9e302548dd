package org.voxgate.server.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The catalogue of every setting the server reads, with defaults. reference.yaml documents
 * the same list (a test keeps the two equal).
 */
public final class Settings {

    private static final SettingType PORT = new SettingType.IntRange(1, 65535);
    private static final SettingType DIGITS = new SettingType.Text(Pattern.compile("[0-9]{0,16}"),
            "up to 16 digits 0-9, or empty");
    private static final SettingType ACCESS_CODE = new SettingType.Text(Pattern.compile("[0-9]{4,16}|"),
            "4 to 16 digits 0-9, or empty to generate one on first start");
    private static final SettingType NUMBER = new SettingType.Text(Pattern.compile("[A-Za-z0-9+*#._-]{1,64}"),
            "a SIP user part of 1 to 64 characters: letters, digits, + * # . _ -");

    private static final SettingType PATH_OR_EMPTY = new SettingType.Text(Pattern.compile(".{0,4096}"),
            "a file path, or empty");
    /** Accepts anything, so an error message never echoes a secret; the user of the value checks it. */
    private static final SettingType SECRET = new SettingType.Text(Pattern.compile("(?s).*"), "any text");

    /** Comma-separated numeric CIDR blocks or addresses (IPv4 or IPv6), or empty. */
    private static final SettingType CIDR_LIST = new SettingType.Text(
            Pattern.compile("|[0-9A-Fa-f:.]+(/[0-9]{1,3})?(\\s*,\\s*[0-9A-Fa-f:.]+(/[0-9]{1,3})?)*"),
            "empty, or a comma-separated list of numeric addresses or CIDR blocks (10.0.0.0/8, 2001:db8::/32)");

    public static final List<Setting> ALL = List.of(
            new Setting("network.bindAddress", "0.0.0.0", new SettingType.IpAddress(false),
                    "address SIP and RTP sockets bind to"),
            new Setting("network.advertisedAddress", "", new SettingType.IpAddress(true),
                    "address written into SIP Contact/Via and SDP; empty: the bind address, or this host's first non-loopback address when binding to all"),
            new Setting("dataDir", "data", new SettingType.Text(Pattern.compile(".+"), "a directory path"),
                    "directory for the embedded database and generated secrets"),
            new Setting("sip.udpPort", "5060", PORT, "SIP over UDP"),
            new Setting("sip.tcpPort", "5060", PORT, "SIP over TCP"),
            new Setting("sip.tlsPort", "5061", new SettingType.IntRange(0, 65535),
                    "SIP over TLS (TLS 1.2+, sips:); 0: off. Only calls over TLS may use SDES-SRTP keys"),
            new Setting("sip.tlsCertFile", "", PATH_OR_EMPTY,
                    "PEM certificate chain for SIP-TLS; empty: a self-signed certificate generated in the data directory"),
            new Setting("sip.tlsKeyFile", "", PATH_OR_EMPTY, "PEM private key of sip.tlsCertFile"),
            new Setting("sip.tlsTrustStore", "", PATH_OR_EMPTY,
                    "PEM file of the CA certificates a carrier's SIP-TLS certificate must chain to (registration and "
                            + "calls on TLS trunks; the certificate must also name the trunk's host); empty: the JDK's "
                            + "default trust store (cacerts)"),
            new Setting("sip.maxCalls", "500", new SettingType.IntRange(1, 100_000),
                    "concurrent calls; above it new calls get 503"),
            new Setting("sip.sessionExpiresSeconds", "1800", new SettingType.IntRange(90, 86_400),
                    "session timer interval we ask for (RFC 4028)"),
            new Setting("sip.minSessionExpiresSeconds", "90", new SettingType.IntRange(90, 86_400),
                    "smallest session interval we accept (RFC 4028 Min-SE)"),
            new Setting("sip.dialOutRingTimeoutSeconds", "45", new SettingType.IntRange(5, 300),
                    "how long a dial-out callee may ring before we CANCEL (FAILED NO_ANSWER)"),
            new Setting("sip.defence.requestsPerWindow", "16", new SettingType.IntRange(1, 100_000),
                    "requests one source may send per sip.defence.rateWindowSeconds before it is banned (a request of one of its live calls counts a quarter)"),
            new Setting("sip.defence.rateWindowSeconds", "2", new SettingType.IntRange(1, 3600),
                    "window of the per-source request rate"),
            new Setting("sip.defence.banSeconds", "300", new SettingType.IntRange(1, 86_400),
                    "how long a banned source's requests are dropped without an answer"),
            new Setting("sip.defence.authFailuresBeforeBan", "5", new SettingType.IntRange(1, 1000),
                    "failed digest authentications from one source that ban it"),
            new Setting("sip.defence.authFailureWindowSeconds", "60", new SettingType.IntRange(1, 86_400),
                    "how far back failed authentications count"),
            new Setting("sip.defence.trustedNetworks", "", CIDR_LIST,
                    "sources never rate limited or banned (your SBC, PBX, trunk peers): CIDR blocks, comma-separated"),
            new Setting("sip.defence.maxMessageBytes", "16384", new SettingType.IntRange(1024, 65_000),
                    "largest SIP message taken; more gets 413"),
            new Setting("sip.defence.maxRequestUriLength", "512", new SettingType.IntRange(32, 8192),
                    "longest Request-URI; longer gets 414"),
            new Setting("sip.defence.maxHeaders", "100", new SettingType.IntRange(10, 1000),
                    "most header fields in one request; more gets 400"),
            new Setting("sip.defence.maxNewInvitesPerSecond", "100", new SettingType.IntRange(1, 100_000),
                    "new calls the node takes per second; more get 503 with Retry-After"),
            new Setting("sip.defence.overloadLoadPercent", "80", new SettingType.IntRange(1, 100),
                    "busy share of the busiest mixer thread above which new calls get 503"),
            new Setting("sip.localCallerNetworks", "127.0.0.0/8,::1/128", new SettingType.NetworkList(),
                    "networks whose calls are taken without a SIP trunk (by the packet's source address); every other source must match a trunk's inboundCidrs or its digest credentials"),
            new Setting("sip.realm", "", new SettingType.Text(Pattern.compile("[\\x21-\\x7e&&[^\"\\\\]]{0,255}"),
                    "empty, or up to 255 printable ASCII characters without spaces, quotes or backslashes"),
                    "realm of the digest challenges sent to trunk callers; empty: the advertised address"),
            new Setting("sip.digestAlgorithms", "SHA-256,MD5", new SettingType.ListOf(Set.of("SHA-256", "MD5", "SHA-512-256")),
                    "digest algorithms of our challenges, one WWW-Authenticate each, preferred first (RFC 8760); list only MD5 for old UAs that give up on a SHA-256 challenge"),
            new Setting("sip.dnsServers", "", new SettingType.Text(
                    Pattern.compile("|[0-9A-Fa-f:.\\[\\]]+(\\s*,\\s*[0-9A-Fa-f:.\\[\\]]+)*"),
                    "empty, or a comma-separated list of numeric addresses with an optional port (192.0.2.53, 127.0.0.1:5353, [2001:db8::53]:53)"),
                    "DNS servers that locate trunk hosts without a port by NAPTR and SRV (RFC 3263); empty: those of /etc/resolv.conf"),
            new Setting("rtp.portMin", "20000", new SettingType.IntRange(1024, 65534),
                    "first port of the RTP/RTCP range (even)"),
            new Setting("rtp.portMax", "29999", new SettingType.IntRange(1025, 65535),
                    "last port of the RTP/RTCP range"),
            new Setting("rtp.mediaTimeoutSeconds", "30", new SettingType.IntRange(5, 3600),
                    "no RTP or RTCP for this long hangs up the call"),
            new Setting("rtp.jitterMinMs", "20", new SettingType.IntRange(0, 500),
                    "smallest jitter buffer delay"),
            new Setting("rtp.jitterMaxMs", "200", new SettingType.IntRange(20, 2000),
                    "largest jitter buffer delay"),
            new Setting("rtp.opusFecJitterMinMs", "40", new SettingType.IntRange(0, 500),
                    "smallest jitter buffer delay of an Opus call with in-band FEC (the next packet must be buffered to rebuild a lost one)"),
            new Setting("rtp.codecs", "OPUS,G722,PCMU,PCMA", new SettingType.ListOf(Set.of("PCMU", "PCMA", "G722", "OPUS")),
                    "codec preference, best first: a call gets the first its caller offers (OPUS needs libopus; without it the bridge warns and leaves it out)"),
            new Setting("rtp.tcpPort", "0", new SettingType.IntRange(0, 65535),
                    "RTP over TCP (RFC 4571) for callers whose networks block UDP, one port shared by all such calls; 0: off"),
            new Setting("rtp.tcpTls", "false", new SettingType.Bool(),
                    "also accept TLS on rtp.tcpPort (TCP/TLS/RTP/AVP), with the SIP-TLS certificate"),
            new Setting("mixer.threads", "2", new SettingType.IntRange(1, 64),
                    "conference clock threads; each conference is owned by one"),
            new Setting("mixer.mixRateHz", "48000", new SettingType.OneOf(Set.of("8000", "16000", "48000")),
                    "highest mixing rate of a conference; each mixes at the highest rate its callers' codecs need, up to this"),
            new Setting("mixer.ptimeMs", "20", new SettingType.OneOf(Set.of("10", "20", "30")),
                    "mixer tick and packet time"),
            new Setting("mixer.maxTalkers", "3", new SettingType.IntRange(1, 16),
                    "how many of the loudest talkers are mixed"),
            new Setting("ivr.digitTimeoutSeconds", "5", new SettingType.IntRange(1, 60),
                    "longest pause between digits of a code"),
            new Setting("ivr.inputTimeoutSeconds", "10", new SettingType.IntRange(3, 120),
                    "silence after a prompt before the IVR gives up"),
            new Setting("ivr.maxAttempts", "3", new SettingType.IntRange(1, 10),
                    "wrong codes or PINs before the call is ended"),
            new Setting("demo.enabled", "true", new SettingType.Bool(),
                    "create the demo meeting at start-up"),
            new Setting("demo.number", "conference", NUMBER,
                    "called number (request-URI user) that reaches the meeting IVR"),
            new Setting("demo.directNumber", "", new SettingType.Text(Pattern.compile("[A-Za-z0-9+*#._-]{0,64}"),
                    "empty, or a SIP user part of up to 64 characters: letters, digits, + * # . _ -"),
                    "called number that goes straight to the demo meeting, skipping the access code; empty: none"),
            new Setting("demo.accessCode", "", ACCESS_CODE,
                    "demo meeting access code; empty: generated once and kept in the data directory"),
            new Setting("demo.pin", "", DIGITS, "participant PIN of the demo meeting; empty: none"),
            new Setting("demo.moderatorPin", "", DIGITS, "moderator PIN of the demo meeting; empty: none"),
            new Setting("demo.maxParticipants", "100", new SettingType.IntRange(2, 10_000),
                    "participants the demo meeting admits"),
            new Setting("admin.enabled", "true", new SettingType.Bool(),
                    "serve the admin API (and open the admin database)"),
            new Setting("admin.bindAddress", "0.0.0.0", new SettingType.IpAddress(false),
                    "address the admin API listens on"),
            new Setting("admin.port", "8443", new SettingType.IntRange(0, 65535),
                    "admin API port (HTTPS); 0: any free port (tests)"),
            new Setting("admin.plainHttp", "false", new SettingType.Bool(),
                    "serve plain HTTP instead of HTTPS; only allowed with a loopback admin.bindAddress"),
            new Setting("admin.tlsCertFile", "", PATH_OR_EMPTY,
                    "PEM certificate chain; empty: a self-signed certificate generated in the data directory"),
            new Setting("admin.tlsKeyFile", "", PATH_OR_EMPTY, "PEM private key of admin.tlsCertFile"),
            new Setting("admin.allowInternalTrunkHosts", "false", new SettingType.Bool(),
                    "accept trunk hosts on loopback, link-local or cloud metadata addresses"),
            new Setting("admin.authFailureLimit", "10", new SettingType.IntRange(1, 1000),
                    "failed authentications from one address that lock it out"),
            new Setting("admin.authFailureWindowSeconds", "60", new SettingType.IntRange(1, 86_400),
                    "how far back failed authentications count"),
            new Setting("admin.lockoutSeconds", "300", new SettingType.IntRange(1, 86_400),
                    "how long a locked-out address is refused"),
            new Setting("admin.rateLimitPerSecond", "20", new SettingType.IntRange(1, 100_000),
                    "API requests per second allowed per API key and per client address (then 429)"),
            new Setting("admin.rateBurst", "40", new SettingType.IntRange(1, 100_000),
                    "API requests allowed at once per API key and per client address"),
            new Setting("admin.bootstrapKey", "", SECRET,
                    "API key (vgk_...) for the first owner on an empty database; empty: generate one and print it once"),
            new Setting("metrics.enabled", "true", new SettingType.Bool(),
                    "serve Prometheus metrics and health checks over plain HTTP"),
            new Setting("metrics.bindAddress", "127.0.0.1", new SettingType.IpAddress(false),
                    "address the metrics and health endpoints listen on"),
            new Setting("metrics.port", "9100", new SettingType.IntRange(0, 65535),
                    "port of /metrics, /health/live and /health/ready; 0: any free port (tests)"),
            new Setting("database.url", "", new SettingType.Text(Pattern.compile("|jdbc:(h2|postgresql):.+"),
                    "empty, or a jdbc:postgresql: or jdbc:h2: URL"),
                    "JDBC URL of the admin database; empty: an H2 file database in the data directory"),
            new Setting("database.username", "", new SettingType.Text(Pattern.compile(".{0,128}"),
                    "up to 128 characters"), "database user; may be empty"),
            new Setting("database.password", "", SECRET, "database password; may be empty"),
            new Setting("database.maxPoolSize", "10", new SettingType.IntRange(1, 200),
                    "database connections at most"),
            new Setting("database.masterKey", "", SECRET,
                    "base64 of the 32-byte key that encrypts trunk passwords and PINs at rest; empty: master.key in the data directory, generated on first start"));

    private static final Map<String, Setting> BY_KEY;

    static {
        Map<String, Setting> m = new LinkedHashMap<>();
        for (Setting s : ALL) {
            m.put(s.key(), s);
        }
        BY_KEY = Map.copyOf(m);
    }

    private Settings() {}

    /** The setting with this dotted key, or null. */
    public static Setting byKey(String key) {
        return BY_KEY.get(key);
    }
}
