package org.voxgate.server.store;

import java.nio.file.Path;
import java.util.Objects;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The connection pool and schema: opens H2 (embedded, PostgreSQL mode) or PostgreSQL by JDBC
 * URL, and brings the schema up to date with the Flyway migrations under
 * {@code db/migration} (the same files on both).
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private Database(HikariDataSource pool) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
    }

    /**
     * The embedded default's URL: an H2 file database {@code voxgate} in the data directory,
     * created on first connect.
     */
    public static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("voxgate")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    /**
     * Opens the pool and migrates.
     *
     * @param url         {@code jdbc:h2:...} or {@code jdbc:postgresql://...}
     * @param username    may be empty (H2)
     * @param password    may be empty; never logged
     * @param maxPoolSize connections at most
     * @throws org.flywaydb.core.api.FlywayException when migration fails
     * @throws RuntimeException when the database cannot be reached
     */
    public static Database open(String url, String username, String password, int maxPoolSize) {
        Objects.requireNonNull(url, "url");
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        if (username != null && !username.isEmpty()) {
            hc.setUsername(username);
        }
        if (password != null && !password.isEmpty()) {
            hc.setPassword(password);
        }
        hc.setMaximumPoolSize(maxPoolSize);
        hc.setPoolName("voxgate-db");
        hc.setInitializationFailTimeout(10_000);
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            migrate(ds);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds);
    }

    private static void migrate(DataSource ds) {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** True for PostgreSQL, false for H2. */
    public boolean postgres() {
        return pool.getJdbcUrl().startsWith("jdbc:postgresql:");
    }

    @Override
    public void close() {
        pool.close();
    }
}
