package dev.tierdeck.system.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded PostgreSQL server per data directory and JVM. Application contexts come and go (tests
 * start several); the server outlives them and stops with the JVM, so every context sees the same data.
 */
final class EmbeddedPostgresServers {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServers.class);
    private static final Map<Path, EmbeddedPostgres> SERVERS = new ConcurrentHashMap<>();
    private static volatile Path ephemeralDir;

    private EmbeddedPostgresServers() {}

    static EmbeddedPostgres forProperties(DatabaseProperties.Embedded properties) {
        Path dir = properties.ephemeral()
                ? ephemeralDirectory()
                : properties.dataDir().toAbsolutePath().normalize();
        return SERVERS.computeIfAbsent(dir, d -> start(d, properties.port(), !properties.ephemeral()));
    }

    private static synchronized Path ephemeralDirectory() {
        if (ephemeralDir == null) {
            try {
                ephemeralDir = Files.createTempDirectory("tierdeck-pg-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary directory for the embedded database", e);
            }
        }
        return ephemeralDir;
    }

    private static EmbeddedPostgres start(Path dataDir, int port, boolean persistent) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(!persistent)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setServerConfig("max_connections", "200")
                    .start();
            log.info(
                    "Embedded PostgreSQL {} on port {} (data in {})",
                    persistent ? "started" : "started for this run",
                    server.getPort(),
                    dataDir);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The embedded PostgreSQL could not start in " + dataDir
                            + ": " + e.getMessage()
                            + ". Set SPRING_DATASOURCE_URL to use an external PostgreSQL instead.",
                    e);
        }
    }

    /** Creates {@code name} on the server unless it exists; the name is checked, not quoted into SQL blindly. */
    static String ensureDatabase(EmbeddedPostgres server, String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalStateException(
                    "tierdeck.database.embedded.database must be a lower-case SQL name, got '" + name + "'");
        }
        try (var connection = server.getPostgresDatabase().getConnection();
                var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (var rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("create database " + name);
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            // two contexts may race to create it: fine when it exists afterwards
            if (!"42P04".equals(e.getSQLState())) {
                throw new IllegalStateException(
                        "cannot create the embedded database " + name + ": " + e.getMessage(), e);
            }
        }
        return name;
    }
}
