package org.voxgate.server.admin;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The admin store's and HTTPS API's settings, as plain values (from the {@code admin.*} and
 * {@code database.*} keys of the server configuration).
 *
 * @param enabled                 serve the API at all
 * @param bindAddress             address the API listens on
 * @param port                    TCP port (0: any free port, for tests)
 * @param plainHttp               serve plain HTTP instead of HTTPS; only allowed on a loopback bind address
 * @param tlsCertFile             PEM certificate chain, or empty to generate a self-signed one in the data directory
 * @param tlsKeyFile              PEM private key (PKCS#8 or PKCS#1), or empty with an empty {@code tlsCertFile}
 * @param certificateNames        extra DNS names or IP addresses for the generated certificate
 * @param allowInternalTrunkHosts accept trunk hosts on loopback, link-local or metadata addresses
 * @param authFailureLimit        failed authentications from one address that trigger a lockout
 * @param authFailureWindow       how far back failures count
 * @param lockout                 how long a locked-out address is refused
 * @param bootstrapKey            API key to give the first owner instead of a random one, or empty
 * @param databaseUrl             JDBC URL, or empty for the embedded H2 file database in the data directory
 * @param databaseUser            may be empty
 * @param databasePassword        may be empty; never logged
 * @param databaseMaxPoolSize     connections at most
 * @param masterKey               base64 of the 32-byte secret-sealing key, or empty to use
 *                                (and on first start create) {@code master.key} in the data directory
 * @param rateLimitPerSecond      requests per second allowed per API key and per client address, at least 1
 * @param rateBurst               requests allowed at once (token bucket size), at least 1
 */
public record AdminConfig(boolean enabled, String bindAddress, int port, boolean plainHttp, String tlsCertFile,
                          String tlsKeyFile, List<String> certificateNames, boolean allowInternalTrunkHosts,
                          int authFailureLimit, Duration authFailureWindow, Duration lockout, String bootstrapKey,
                          String databaseUrl, String databaseUser, String databasePassword, int databaseMaxPoolSize,
                          String masterKey, int rateLimitPerSecond, int rateBurst) {

    public AdminConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        certificateNames = List.copyOf(certificateNames);
        if (tlsCertFile.isEmpty() != tlsKeyFile.isEmpty()) {
            throw new IllegalArgumentException("admin.tlsCertFile and admin.tlsKeyFile must be set together");
        }
        if (rateLimitPerSecond < 1 || rateBurst < 1) {
            throw new IllegalArgumentException("admin.rateLimitPerSecond and admin.rateBurst must be at least 1");
        }
    }

    /**
     * From the server configuration.
     *
     * @param certificateNames extra names for a generated certificate, e.g. the advertised address
     */
    public static AdminConfig from(org.voxgate.server.config.ServerConfig.Admin a, List<String> certificateNames) {
        return new AdminConfig(a.enabled(), a.bindAddress(), a.port(), a.plainHttp(), a.tlsCertFile(), a.tlsKeyFile(),
                certificateNames, a.allowInternalTrunkHosts(), a.authFailureLimit(), a.authFailureWindow(), a.lockout(),
                a.bootstrapKey(), a.databaseUrl(), a.databaseUser(), a.databasePassword(), a.databaseMaxPoolSize(),
                a.masterKey(), a.rateLimitPerSecond(), a.rateBurst());
    }

    /**
     * Defaults as in reference.yaml, for tests: HTTPS on 127.0.0.1, a free port, embedded H2, and
     * a request rate limit high enough that tests which hammer the API are not throttled.
     */
    public static AdminConfig defaultsForTest() {
        return new AdminConfig(true, "127.0.0.1", 0, false, "", "", List.of(), false, 10, Duration.ofMinutes(1),
                Duration.ofMinutes(5), "", "", "", "", 8, "", 10_000, 10_000);
    }

    public AdminConfig withDatabase(String url) {
        return new AdminConfig(enabled, bindAddress, port, plainHttp, tlsCertFile, tlsKeyFile, certificateNames,
                allowInternalTrunkHosts, authFailureLimit, authFailureWindow, lockout, bootstrapKey, url, databaseUser,
                databasePassword, databaseMaxPoolSize, masterKey, rateLimitPerSecond, rateBurst);
    }

    public AdminConfig withLockout(int limit, Duration lockoutFor) {
        return new AdminConfig(enabled, bindAddress, port, plainHttp, tlsCertFile, tlsKeyFile, certificateNames,
                allowInternalTrunkHosts, limit, authFailureWindow, lockoutFor, bootstrapKey, databaseUrl, databaseUser,
                databasePassword, databaseMaxPoolSize, masterKey, rateLimitPerSecond, rateBurst);
    }

    public AdminConfig withPlainHttp(boolean plain) {
        return new AdminConfig(enabled, bindAddress, port, plain, tlsCertFile, tlsKeyFile, certificateNames,
                allowInternalTrunkHosts, authFailureLimit, authFailureWindow, lockout, bootstrapKey, databaseUrl,
                databaseUser, databasePassword, databaseMaxPoolSize, masterKey, rateLimitPerSecond, rateBurst);
    }

    public AdminConfig withBootstrapKey(String key) {
        return new AdminConfig(enabled, bindAddress, port, plainHttp, tlsCertFile, tlsKeyFile, certificateNames,
                allowInternalTrunkHosts, authFailureLimit, authFailureWindow, lockout, key, databaseUrl, databaseUser,
                databasePassword, databaseMaxPoolSize, masterKey, rateLimitPerSecond, rateBurst);
    }

    public AdminConfig withRateLimit(int perSecond, int burst) {
        return new AdminConfig(enabled, bindAddress, port, plainHttp, tlsCertFile, tlsKeyFile, certificateNames,
                allowInternalTrunkHosts, authFailureLimit, authFailureWindow, lockout, bootstrapKey, databaseUrl,
                databaseUser, databasePassword, databaseMaxPoolSize, masterKey, perSecond, burst);
    }

    @Override
    public String toString() {
        return "AdminConfig[bind=" + bindAddress + ":" + port + ", plainHttp=" + plainHttp + ", database="
                + (databaseUrl.isEmpty() ? "embedded" : databaseUrl.replaceAll("(?i)password=[^&;]*", "password=***"))
                + ", secrets hidden]";
    }
}
