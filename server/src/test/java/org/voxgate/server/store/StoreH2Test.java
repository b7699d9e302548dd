package org.voxgate.server.store;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

class StoreH2Test extends StoreContract {

    @TempDir
    Path dir;

    @Override
    protected Database open() {
        return TestDatabases.h2(dir);
    }
}
