package dev.tierdeck.system.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL used when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir where the database files live, so that a restart keeps the data
 * @param port fixed port, or 0 for a free one
 * @param ephemeral a throw-away database in a temporary directory, one per JVM (tests)
 */
@ConfigurationProperties("tierdeck.database.embedded")
record EmbeddedDatabaseProperties(
        @DefaultValue(".tierdeck/postgres") Path dataDir,
        @DefaultValue("0") int port,
        boolean ephemeral) {}
