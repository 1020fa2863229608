package dev.tierdeck.system.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class RetryingMigrationTest {

    private final RetryingMigration migration =
            new RetryingMigration(new DatabaseProperties.Migration(Duration.ofMillis(100), Duration.ofMillis(200)));

    @Test
    void migratesAtOnceWhenTheDatabaseIsThere() {
        migration.migrate(flyway(freshDatabase(), "classpath:db/migration"));

        assertThat(migration.status().state()).isEqualTo(RetryingMigration.State.MIGRATED);
        assertThat(migration.status().detail()).matches("schema version \\d+");
    }

    @Test
    void aBrokenMigrationFailsTheStartInsteadOfBeingRetried() {
        Flyway broken = flyway(freshDatabase(), "classpath:dev/tierdeck/system/database/broken");

        assertThatThrownBy(() -> migration.migrate(broken)).hasStackTraceContaining("syntax error");
        assertThat(migration.status().state()).isEqualTo(RetryingMigration.State.FAILED);
        assertThat(migration.status().detail()).contains("syntax error");
    }

    private static DataSource freshDatabase() {
        String database = "retrying_" + UUID.randomUUID().toString().replace("-", "");
        new JdbcTemplate(SharedTestServer.get().getPostgresDatabase()).execute("create database " + database);
        return SharedTestServer.get().getDatabase("postgres", database);
    }

    private static Flyway flyway(DataSource dataSource, String location) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(location)
                .placeholders(Map.of("application_role", ""))
                .load();
    }
}
