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
}
