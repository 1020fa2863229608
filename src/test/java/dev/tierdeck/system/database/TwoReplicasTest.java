package dev.tierdeck.system.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.system.leader.LeaderLock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Two replicas on one database: a session started on either is honoured by the other, and background work
 * runs on one of them only.
 */
class TwoReplicasTest {

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoReplicas() {
        // A database of their own: other application contexts of this test JVM share the default one and
        // would compete for the clean-up's leader lock.
        String url = ownDatabase();
        first = Replica.start(
                "--tierdeck.database.session-cleanup-interval=100ms",
                "--spring.datasource.url=" + url,
                "--spring.datasource.password=");
        second = Replica.start(
                "--tierdeck.database.session-cleanup-interval=100ms",
                "--spring.datasource.url=" + url,
                "--spring.datasource.password=");
    }

    private static String ownDatabase() {
        var server =
                EmbeddedPostgresServers.forProperties(new DatabaseProperties.Embedded(true, null, 0, true, "postgres"));
        String name = "two_replicas_" + Long.toHexString(System.nanoTime());
        new JdbcTemplate(server.getPostgresDatabase()).execute("create database " + name);
        return server.getJdbcUrl("postgres", name);
    }

    @AfterAll
    static void stopReplicas() {
        second.close();
        first.close();
    }

    @Test
    void aSessionStartedOnOneReplicaIsHonouredByTheOther() {
        var started = Replica.post(first, "/probe/session?team=payments");
        String cookie = Replica.sessionCookie(started).orElseThrow();

        var recalled = Replica.get(second, "/probe/session", cookie);

        assertThat(recalled.statusCode()).isEqualTo(200);
        assertThat(recalled.body()).isEqualTo("payments");
        String sessionId = new String(
                Base64.getDecoder().decode(cookie.substring("TIERDECK_SESSION=".length())), StandardCharsets.UTF_8);
        assertThat(sessionId).isEqualTo(started.body());
        assertThat(new JdbcTemplate(first.getBean(DataSource.class))
                        .queryForObject(
                                "select count(*) from spring_session where session_id = ?", Integer.class, sessionId))
                .isOne();
    }

    @Test
    void aSessionEndedOnOneReplicaIsGoneOnTheOther() {
        String cookie = Replica.sessionCookie(Replica.post(second, "/probe/session?team=catalog"))
                .orElseThrow();
        assertThat(Replica.get(first, "/probe/session", cookie).body()).isEqualTo("catalog");

        Replica.post(first, "/probe/session/end", cookie);

        assertThat(Replica.get(second, "/probe/session", cookie).body()).isEqualTo("nothing remembered");
    }

    @Test
    void theSessionRepositoriesOfBothReplicasReadTheSameStore() {
        assertThat(storeOn(first.getBean(SessionRepository.class), second.getBean(SessionRepository.class)))
                .isEqualTo("checkout");
    }

    private static <S extends Session> Object storeOn(SessionRepository<S> writer, SessionRepository<?> reader) {
        S session = writer.createSession();
        session.setAttribute("namespace", "checkout");
        writer.save(session);
        return reader.findById(session.getId()).getAttribute("namespace");
    }

    @Test
    void expiredSessionsAreDeletedByOneReplicaOnly() throws InterruptedException {
        var jdbc = new JdbcTemplate(first.getBean(DataSource.class));
        jdbc.update("insert into spring_session values ('expired-primary', 'expired-session', 0, 0, 60, 60000, null)");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (jdbc.queryForObject(
                        "select count(*) from spring_session where session_id = 'expired-session'", Integer.class)
                > 0) {
            assertThat(Instant.now()).as("expired session deleted within 10 s").isBefore(deadline);
            Thread.sleep(100);
        }

        boolean firstLeads = first.getBean(LeaderLock.class).lead(ExpiredSessionCleanup.TASK);
        boolean secondLeads = second.getBean(LeaderLock.class).lead(ExpiredSessionCleanup.TASK);
        assertThat(firstLeads ^ secondLeads)
                .as("exactly one replica leads the clean-up")
                .isTrue();
    }
}
