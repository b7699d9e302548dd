package org.voxgate.server.store;

/** The store contract on a real PostgreSQL started by scripts/postgres-for-tests.sh. */
class StorePostgresIT extends StoreContract {

    @Override
    protected Database open() {
        return TestDatabases.postgres();
    }
}
