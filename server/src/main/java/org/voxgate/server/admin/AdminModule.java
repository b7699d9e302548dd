package org.voxgate.server.admin;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.server.store.CdrCallListener;
import org.voxgate.server.store.Database;
import org.voxgate.server.store.MasterKey;
import org.voxgate.server.store.SecretBox;
import org.voxgate.server.store.Store;
import org.voxgate.server.store.StoreMeetingDirectory;
import org.voxgate.sip.CallListener;
import org.voxgate.sip.MeetingDirectory;
import org.voxgate.sip.RegistrationStatus;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;

/**
 * The admin store and its HTTPS API as one unit for the composition root: opens the database
 * (embedded H2 in the data directory, or PostgreSQL), migrates it, creates the first owner and
 * key on an empty database, and serves {@code /api/v1} over TLS (plain HTTP only when asked
 * for, and only on loopback).
 */
public final class AdminModule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminModule.class);

    private final Database db;
    private final Store store;
    private org.voxgate.server.store.StoreTrunkDirectory trunkDirectory;
    private final Vertx vertx;
    private final HttpServer server;
    private final TlsCertificate certificate;
    private final String bootstrapKey;
    private final String scheme;
    private final String host;
    private final String displayHost;
    private final AtomicReference<Supplier<Map<String, RegistrationStatus>>> registrationSource;
    private final AtomicReference<org.voxgate.sip.SipGateway> gateway;

    private AdminModule(Database db, Store store, Vertx vertx, HttpServer server, TlsCertificate certificate,
                        String bootstrapKey, String scheme, String host, String displayHost,
                        AtomicReference<Supplier<Map<String, RegistrationStatus>>> registrationSource,
                        AtomicReference<org.voxgate.sip.SipGateway> gateway) {
        this.registrationSource = registrationSource;
        this.gateway = gateway;
        this.db = db;
        this.store = store;
        this.vertx = vertx;
        this.server = server;
        this.certificate = certificate;
        this.bootstrapKey = bootstrapKey;
        this.scheme = scheme;
        this.host = host;
        this.displayHost = displayHost;
    }

    /**
     * Starts everything, or nothing: on failure what was opened is closed again.
     *
     * @param config  the admin and database settings
     * @param dataDir the server's data directory (exists, writable)
     * @throws IOException for a database, key, certificate or listen failure, with a message
     *                     that names the setting to look at
     */
    public static AdminModule start(AdminConfig config, Path dataDir) throws IOException {
        return start(config, dataDir, System::nanoTime);
    }

    /** As {@link #start(AdminConfig, Path)}, with the clock of the rate limits and lockout (tests). */
    static AdminModule start(AdminConfig config, Path dataDir, LongSupplier nanoClock) throws IOException {
        if (config.plainHttp() && !InetAddress.getByName(config.bindAddress()).isLoopbackAddress()) {
            throw new IOException("admin.plainHttp is only allowed with a loopback admin.bindAddress, not "
                    + config.bindAddress());
        }
        byte[] masterKey;
        try {
            masterKey = MasterKey.load(config.masterKey(), dataDir);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        String url = config.databaseUrl().isEmpty() ? Database.embeddedUrl(dataDir) : config.databaseUrl();
        Database db;
        try {
            db = Database.open(url, config.databaseUser(), config.databasePassword(), config.databaseMaxPoolSize());
        } catch (RuntimeException e) {
            throw new IOException("database (database.url): " + e.getMessage(), e);
        }
        Vertx vertx = null;
        try {
            Store store = new Store(db, new SecretBox(masterKey), config.allowInternalTrunkHosts());
            java.util.Arrays.fill(masterKey, (byte) 0);
            String key;
            try {
                key = store.bootstrap(config.bootstrapKey()).map(n -> n.key().plaintext()).orElse(null);
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
            if (key != null && !config.bootstrapKey().isEmpty()) {
                key = null; // the operator already knows it: do not print it
            }
            TlsCertificate cert = config.plainHttp() ? null
                    : TlsCertificate.load(config.tlsCertFile(), config.tlsKeyFile(), dataDir, config.certificateNames());
            vertx = Vertx.vertx();
            AuthThrottle throttle = new AuthThrottle(config.authFailureLimit(), config.authFailureWindow().toNanos(),
                    config.lockout().toNanos(), nanoClock);
            AtomicReference<Supplier<Map<String, RegistrationStatus>>> registrationSource =
                    new AtomicReference<>(Map::of);
            Supplier<Map<String, RegistrationStatus>> registrations = () -> registrationSource.get().get();
            HttpServerOptions opts = new HttpServerOptions().setMaxFormAttributeSize(AdminApi.MAX_BODY_BYTES);
            if (cert != null) {
                opts.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(cert.certFile().toString())
                        .setKeyPath(cert.keyFile().toString()));
            }
            var gateway = new java.util.concurrent.atomic.AtomicReference<org.voxgate.sip.SipGateway>();
            HttpServer server = vertx.createHttpServer(opts).requestHandler(AdminApi.router(vertx, store, throttle,
                            new RateLimiter(config.rateLimitPerSecond(), config.rateBurst(), nanoClock),
                            new RateLimiter(config.rateLimitPerSecond(), config.rateBurst(), nanoClock), registrations,
                            gateway, new RateLimiter(1, DIAL_OUT_BURST, nanoClock)))
                    .listen(config.port(), config.bindAddress()).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            // A wildcard bind is reachable at the advertised address, the first certificate name.
            String display = InetAddress.getByName(config.bindAddress()).isAnyLocalAddress()
                    && !config.certificateNames().isEmpty() ? config.certificateNames().get(0) : config.bindAddress();
            AdminModule m = new AdminModule(db, store, vertx, server, cert, key, cert == null ? "http" : "https",
                    config.bindAddress(), display, registrationSource, gateway);
            LOG.info("admin API listening on {} (database {})", m.baseUrl(), db.postgres() ? "PostgreSQL" : "H2");
            return m;
        } catch (ExecutionException | TimeoutException | InterruptedException | IOException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (vertx != null) {
                vertx.close();
            }
            db.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IOException("admin API on " + config.bindAddress() + ":" + config.port() + ": " + cause.getMessage(), cause);
        }
    }

    /** Dial-outs an account may start at once; then one a second. */
    static final int DIAL_OUT_BURST = 5;

    /** Connects the running SIP gateway, for dial-out ({@code POST /meetings/{id}/dial-out}: 503 until then). */
    public void attachGateway(org.voxgate.sip.SipGateway sipGateway) {
        gateway.set(java.util.Objects.requireNonNull(sipGateway, "sipGateway"));
    }

    public Store store() {
        return store;
    }

    /** The port the API listens on (useful with port 0). */
    public int port() {
        return server.actualPort();
    }

    /** e.g. {@code https://127.0.0.1:8443/api/v1} */
    public String baseUrl() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return scheme + "://" + h + ":" + port() + AdminApi.PREFIX;
    }

    /** The certificate in use, or empty with plain HTTP. */
    public Optional<TlsCertificate> certificate() {
        return Optional.ofNullable(certificate);
    }

    /**
     * The API key made for the first owner when this start created the database and no
     * bootstrap key was configured: to be printed once, never logged.
     */
    public Optional<String> bootstrapKey() {
        return Optional.ofNullable(bootstrapKey);
    }

    /** The dial plan and meetings from the store, with {@code fallback} (the demo meeting) for the rest. */
    public MeetingDirectory meetingDirectory(MeetingDirectory fallback) {
        return new StoreMeetingDirectory(store, fallback);
    }

    /**
     * Where {@code GET /trunks/{id}/registration} reads the live registration status (the SIP
     * gateway's {@code registrations()}); until set, every trunk reads as not registered.
     */
    public void registrations(Supplier<Map<String, RegistrationStatus>> source) {
        registrationSource.set(java.util.Objects.requireNonNull(source, "source"));
    }

    /**
     * The trunks of every account for the SIP gateway, cached and kept current (local writes at
     * once, other nodes' within a poll interval). One per module; closed with it.
     */
    public synchronized org.voxgate.sip.TrunkDirectory trunkDirectory() {
        if (trunkDirectory == null) {
            trunkDirectory = new org.voxgate.server.store.StoreTrunkDirectory(store);
        }
        return trunkDirectory;
    }

    /** Writes CDRs for finished calls. */
    public CallListener callListener() {
        return new CdrCallListener(store);
    }

    /** Lines for the start-up banner: where the API is, its certificate, and the one-time key. */
    public String banner() {
        StringBuilder sb = new StringBuilder();
        String h = displayHost.indexOf(':') >= 0 ? "[" + displayHost + "]" : displayHost;
        sb.append("  Admin API  ").append(scheme).append("://").append(h).append(':').append(port())
                .append(AdminApi.PREFIX).append('\n');
        if (certificate != null) {
            try {
                sb.append("             certificate SHA-256 ").append(certificate.fingerprint()).append('\n');
            } catch (IOException e) {
                sb.append("             certificate ").append(certificate.certFile()).append('\n');
            }
        }
        if (bootstrapKey != null) {
            sb.append("  API key    ").append(bootstrapKey)
                    .append("  (owner of the first account; shown this once, store it now)\n");
        }
        return sb.toString();
    }

    /** Stops the API, then closes the database. */
    @Override
    public void close() {
        synchronized (this) {
            if (trunkDirectory != null) {
                trunkDirectory.close();
            }
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("admin API did not stop cleanly: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            db.close();
        }
    }
}
