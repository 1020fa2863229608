package dev.tierdeck.system.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;

/** The throw-away embedded PostgreSQL that every test of this JVM shares (the one test contexts use too). */
public final class SharedTestServer {

    private SharedTestServer() {}

    public static EmbeddedPostgres get() {
        return EmbeddedPostgresServers.forProperties(
                new DatabaseProperties.Embedded(true, Path.of(".tierdeck/postgres"), 0, true, "postgres"));
    }

    /**
     * A database of its own on that server, created when missing. Advisory locks and data are per database, so
     * a test that must not meet the application contexts of other test classes uses one of these.
     */
    public static javax.sql.DataSource database(String name) {
        EmbeddedPostgres server = get();
        return server.getDatabase("postgres", EmbeddedPostgresServers.ensureDatabase(server, name));
    }
}
