package org.voxgate.server.admin;

/** The admin API contract on the embedded H2 database. */
class AdminApiH2IT extends AdminApiContract {

    @Override
    protected String databaseUrl() {
        return "";
    }
}
