package dev.tierdeck.system.database;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The database: the embedded PostgreSQL used when no {@code spring.datasource.url} is configured, how
 * patiently the migrations wait for a database that is not reachable yet, and how often expired HTTP sessions
 * are deleted (by one replica, see {@link ExpiredSessionCleanup}).
 */
@ConfigurationProperties("tierdeck.database")
record DatabaseProperties(
        @DefaultValue Embedded embedded,
        @DefaultValue Migration migration,
        @DefaultValue("1m") Duration sessionCleanupInterval) {

    /**
     * @param enabled start the embedded PostgreSQL when no external one is configured
     * @param dataDir where the database files live, so that a restart keeps the data
     * @param port fixed port, or 0 for a free one
     * @param ephemeral a throw-away database in a temporary directory, one per JVM (tests)
     * @param database the database on that server, created when missing (lets tests keep their data apart)
     */
    record Embedded(
            @DefaultValue("true") boolean enabled,
            @DefaultValue(".tierdeck/postgres") Path dataDir,
            @DefaultValue("0") int port,
            boolean ephemeral,
            @DefaultValue("postgres") String database) {}

    /**
     * @param firstRetryInterval wait before the second attempt when the database is not reachable at start-up
     * @param maxRetryInterval the wait doubles after every failed attempt up to this
     */
    record Migration(
            @DefaultValue("1s") Duration firstRetryInterval,
            @DefaultValue("30s") Duration maxRetryInterval) {}
}
