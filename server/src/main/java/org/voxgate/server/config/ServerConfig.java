package org.voxgate.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
        List<String> codecs,
        int mixerThreads,
        int mixRateHz,
        int ptimeMs,
        int maxTalkers,
        Duration digitTimeout,
        Duration inputTimeout,
        int maxAttempts,
        Demo demo) {

    /** The demo meeting created at start-up. */
    public record Demo(boolean enabled, String number, String directNumber, String accessCode, String pin, String moderatorPin,
                       int maxParticipants) {}

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
                        (String) v.get("demo.accessCode"), pin, modPin, (Integer) v.get("demo.maxParticipants")));
    }
}
