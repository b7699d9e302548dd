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

    public static final List<Setting> ALL = List.of(
            new Setting("network.bindAddress", "0.0.0.0", new SettingType.IpAddress(false),
                    "address SIP and RTP sockets bind to"),
            new Setting("network.advertisedAddress", "", new SettingType.IpAddress(true),
                    "address written into SIP Contact/Via and SDP; empty: the bind address, or this host's first non-loopback address when binding to all"),
            new Setting("dataDir", "data", new SettingType.Text(Pattern.compile(".+"), "a directory path"),
                    "directory for the embedded database and generated secrets"),
            new Setting("sip.udpPort", "5060", PORT, "SIP over UDP"),
            new Setting("sip.tcpPort", "5060", PORT, "SIP over TCP"),
            new Setting("sip.maxCalls", "500", new SettingType.IntRange(1, 100_000),
                    "concurrent calls; above it new calls get 503"),
            new Setting("sip.sessionExpiresSeconds", "1800", new SettingType.IntRange(90, 86_400),
                    "session timer interval we ask for (RFC 4028)"),
            new Setting("sip.minSessionExpiresSeconds", "90", new SettingType.IntRange(90, 86_400),
                    "smallest session interval we accept (RFC 4028 Min-SE)"),
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
            new Setting("rtp.codecs", "PCMU,PCMA", new SettingType.ListOf(Set.of("PCMU", "PCMA", "G722", "OPUS")),
                    "codec preference, best first (OPUS needs libopus; without it the bridge warns and leaves it out)"),
            new Setting("mixer.threads", "2", new SettingType.IntRange(1, 64),
                    "conference clock threads; each conference is owned by one"),
            new Setting("mixer.mixRateHz", "8000", new SettingType.OneOf(Set.of("8000", "16000", "48000")),
                    "default mixing rate of a conference"),
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
                    "participants the demo meeting admits"));

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
