package dev.tierdeck.system.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/** A replica started while its database is down: alive, not ready, retrying, and ready once the database is up. */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseDownAtStartTest {

    @Test
    void staysAliveButNotReadyUntilTheDatabaseComesUpThenMigrates(CapturedOutput output) throws Exception {
        int port = freePort();
        try (var replica = Replica.start(
                "--spring.datasource.url=jdbc:postgresql://localhost:" + port + "/postgres",
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--tierdeck.database.migration.first-retry-interval=200ms",
                "--tierdeck.database.migration.max-retry-interval=400ms")) {

            var readiness = Replica.get(replica, "/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("\"migrations\":\"waiting for database\"");
            assertThat(Replica.get(replica, "/actuator/health/liveness").statusCode())
                    .isEqualTo(200);
            assertThat(output)
                    .contains("Database jdbc:postgresql://localhost:" + port
                            + "/postgres not reachable (attempt 1, next in 0.2 s")
                    .contains("Connection to localhost:" + port + " refused");

            try (var database = EmbeddedPostgres.builder().setPort(port).start()) {
                awaitReady(replica);

                assertThat(new JdbcTemplate(replica.getBean(DataSource.class))
                                .queryForObject("select count(*) from spring_session", Integer.class))
                        .isZero();
                assertThat(output).contains("Database reachable after");
            }
        }
    }

    private static void awaitReady(org.springframework.context.ConfigurableApplicationContext replica)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Replica.get(replica, "/actuator/health/readiness").statusCode() != 200) {
            assertThat(Instant.now()).as("readiness within 30 s").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
