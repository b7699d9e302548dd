package org.voxgate.server.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.voxgate.testing.Peers;

/**
 * Databases for tests: a fresh H2 file database in a temp dir, or a fresh database in the
 * local PostgreSQL that {@code scripts/postgres-for-tests.sh} started. Its JDBC URL (of the
 * {@code postgres} maintenance database, user with CREATEDB) comes from the system property
 * {@code voxgate.test.postgresUrl} or the environment variable {@code VOXGATE_TEST_POSTGRES_URL};
 * without it PostgreSQL tests skip, except under {@code CI=true} where they fail.
 */
public final class TestDatabases {

    private TestDatabases() {}

    public static Database h2(Path dir) {
        return Database.open(Database.embeddedUrl(dir), "", "", 4);
    }

    /** The URL of the test cluster's maintenance database, or a skip/fail. */
    public static String postgresAdminUrl() {
        String url = System.getProperty("voxgate.test.postgresUrl");
        if (url == null || url.isEmpty()) {
            url = System.getenv("VOXGATE_TEST_POSTGRES_URL");
        }
        if (url == null || url.isEmpty()) {
            String reason = "no PostgreSQL for tests: run scripts/postgres-for-tests.sh and set VOXGATE_TEST_POSTGRES_URL";
            if (Peers.underCi()) {
                Assertions.fail("CI=true but " + reason);
            }
            Assumptions.abort("skipped: " + reason);
        }
        return url;
    }

    /** A new, empty database in the test cluster, migrated. */
    public static Database postgres() {
        return Database.open(newPostgresDatabase(), "", "", 4);
    }

    /** Creates a new, empty database in the test cluster and returns its JDBC URL. */
    public static String newPostgresDatabase() {
        String admin = postgresAdminUrl();
        String name = "vg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + admin + ": " + e.getMessage(), e);
        }
        return replaceDatabase(admin, name);
    }

    static String replaceDatabase(String url, String db) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : url.substring(q);
        int slash = base.lastIndexOf('/');
        return base.substring(0, slash + 1) + db + query;
    }
}
