package dev.tierdeck.system.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The production layout: migrations run as the schema owner (SPRING_FLYWAY_USER), the portal connects as an
 * application role that may read and write data but not change or drop the schema.
 */
class SeparateMigrationRoleTest {

    @Test
    void thePortalWorksAsAnApplicationRoleThatDoesNotOwnTheSchema() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String database = "roles_" + suffix;
        String owner = "owner_" + suffix;
        String app = "app_" + suffix;
        var server = SharedTestServer.get();
        var superuser = new JdbcTemplate(server.getPostgresDatabase());
        superuser.execute("create role " + owner + " login password 'owner-secret'");
        superuser.execute("create role " + app + " login password 'app-secret'");
        superuser.execute("create database " + database + " owner " + owner);

        try (var replica = Replica.start(
                "--spring.datasource.url=jdbc:postgresql://localhost:" + server.getPort() + "/" + database,
                "--spring.datasource.username=" + app,
                "--spring.datasource.password=app-secret",
                "--spring.flyway.user=" + owner,
                "--spring.flyway.password=owner-secret")) {

            String cookie = Replica.sessionCookie(Replica.post(replica, "/probe/session?team=payments"))
                    .orElseThrow();
            assertThat(Replica.get(replica, "/probe/session", cookie).body()).isEqualTo("payments");
            assertThat(Replica.get(replica, "/actuator/health/readiness").statusCode())
                    .isEqualTo(200);

            var asApp = new JdbcTemplate(replica.getBean(DataSource.class));
            assertThat(asApp.queryForObject("select current_user", String.class))
                    .isEqualTo(app);
            assertThat(asApp.queryForObject(
                            "select tableowner from pg_tables where tablename = 'spring_session'", String.class))
                    .isEqualTo(owner);
            assertThatThrownBy(() -> asApp.execute("drop table spring_session_attributes"))
                    .hasStackTraceContaining("must be owner");
        }
    }
}
