package org.voxgate.server.admin;

import org.voxgate.server.store.TestDatabases;

/** The admin API contract on a real PostgreSQL started by scripts/postgres-for-tests.sh. */
class AdminApiPostgresIT extends AdminApiContract {

    @Override
    protected String databaseUrl() {
        return TestDatabases.newPostgresDatabase();
    }
}
