package dev.tierdeck.system.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health indicator {@code database}: UP once the migrations have run and a connection answers, DOWN while the
 * database is unreachable or not migrated. Meant for the readiness group, never for liveness: a replica
 * waiting for its database must not be restarted, only kept out of the Service.
 */
final class DatabaseHealthIndicator implements HealthIndicator {

    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;
    private final RetryingMigration migration;
    private final boolean migrationsEnabled;

    /**
     * @param migrationsEnabled false when Flyway is switched off ({@code spring.flyway.enabled=false}): the
     *     schema is then someone else's business and only reachability counts
     */
    DatabaseHealthIndicator(DataSource dataSource, RetryingMigration migration, boolean migrationsEnabled) {
        this.dataSource = dataSource;
        this.migration = migration;
        this.migrationsEnabled = migrationsEnabled;
    }

    @Override
    public Health health() {
        RetryingMigration.Status status = migration.status();
        if (migrationsEnabled && status.state() != RetryingMigration.State.MIGRATED) {
            return Health.down()
                    .withDetail(
                            "migrations",
                            status.state().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .withDetail("cause", status.detail())
                    .withDetail("attempts", status.attempts())
                    .build();
        }
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                return Health.up()
                        .withDetail("migrations", migrationsEnabled ? status.detail() : "not managed here")
                        .build();
            }
            return Health.down()
                    .withDetail("cause", "the connection did not answer")
                    .build();
        } catch (SQLException e) {
            return Health.down().withDetail("cause", RetryingMigration.cause(e)).build();
        }
    }
}
