package org.voxgate.sip.internal.register;

import java.time.Duration;
import java.util.Objects;

import org.voxgate.sip.Trunk;

/**
 * What the registration machines need from the gateway's settings.
 *
 * @param contactHost  our advertised host, written into Contact
 * @param udpPort      our UDP port, 0 when none
 * @param tcpPort      our TCP port, 0 when none
 * @param tlsPort      our TLS port, 0 when none (TLS trunks then cannot register)
 * @param backoffMin   first back-off after a failed round (30 s)
 * @param backoffMax   back-off cap (30 min)
 * @param pollInterval how often the trunk directory's version is checked (2 s)
 */
public record RegistrationSettings(String contactHost, int udpPort, int tcpPort, int tlsPort, Duration backoffMin,
                                   Duration backoffMax, Duration pollInterval) {

    /** Largest Min-Expires we follow after a 423 (a day); a larger one is a failure. */
    public static final int MAX_MIN_EXPIRES_SECONDS = 86_400;

    public RegistrationSettings {
        Objects.requireNonNull(contactHost, "contactHost");
        Objects.requireNonNull(backoffMin, "backoffMin");
        Objects.requireNonNull(backoffMax, "backoffMax");
        Objects.requireNonNull(pollInterval, "pollInterval");
    }

    /** Defaults: back-off 30 s .. 30 min, directory checked every 2 s. */
    public static RegistrationSettings of(String contactHost, int udpPort, int tcpPort, int tlsPort) {
        return new RegistrationSettings(contactHost, udpPort, tcpPort, tlsPort, Duration.ofSeconds(30),
                Duration.ofMinutes(30), Duration.ofSeconds(2));
    }

    /** Our port for a transport, 0 when we do not listen on it. */
    public int port(Trunk.Transport transport) {
        return switch (transport) {
            case UDP -> udpPort;
            case TCP -> tcpPort;
            case TLS -> tlsPort;
        };
    }

    /**
     * When to refresh a binding granted for {@code grantedSeconds}: {@code min(E - 32, 0.8 E)},
     * but never earlier than half of it (short expiries: 60 s refreshes at 30 s, 10 s at 5 s).
     */
    public static long refreshDelayMillis(int grantedSeconds) {
        long e = grantedSeconds * 1000L;
        long d = Math.min(e - 32_000, e * 4 / 5);
        return Math.max(d, e / 2);
    }
}
