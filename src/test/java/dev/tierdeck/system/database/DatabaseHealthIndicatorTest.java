package dev.tierdeck.system.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.JdbcTemplate;

class DatabaseHealthIndicatorTest {

    private final RetryingMigration migration =
            new RetryingMigration(new DatabaseProperties.Migration(Duration.ofSeconds(1), Duration.ofSeconds(1)));

    @Test
    void isDownBeforeTheMigrationsHaveRun() {
        var health = new DatabaseHealthIndicator(freshDatabase(), migration, true).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("migrations", "pending");
    }

    @Test
    void isUpOnceMigratedAndReachable() {
        DataSource database = freshDatabase();
        migration.migrate(Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration")
                .placeholders(Map.of("application_role", ""))
                .load());

        var health = new DatabaseHealthIndicator(database, migration, true).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat((String) health.getDetails().get("migrations")).matches("schema version \\d+");
    }

    @Test
    void withMigrationsSwitchedOffOnlyReachabilityCounts() {
        var health = new DatabaseHealthIndicator(freshDatabase(), migration, false).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("migrations", "not managed here");
    }

    @Test
    void isDownWhenTheDatabaseIsGoneAfterMigrating() {
        var unreachable = new PGSimpleDataSource();
        unreachable.setURL("jdbc:postgresql://localhost:1/postgres");

        var health = new DatabaseHealthIndicator(unreachable, migration, false).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("cause").toString()).contains("Connection to localhost:1 refused");
    }

    private static DataSource freshDatabase() {
        String database = "health_" + UUID.randomUUID().toString().replace("-", "");
        new JdbcTemplate(SharedTestServer.get().getPostgresDatabase()).execute("create database " + database);
        return SharedTestServer.get().getDatabase("postgres", database);
    }
}
