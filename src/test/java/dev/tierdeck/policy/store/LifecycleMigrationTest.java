package dev.tierdeck.policy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tierdeck.system.database.SharedTestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The life-cycle migration on rows written before it: an approved request of the exact revision a draft waits at
 * makes the draft approved, and versions promoted after an approval of their content carry it.
 */
class LifecycleMigrationTest {

    private static final String POLICY = """
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata:
              name: %s
              namespace: payments
            spec:
              tier: default
            """;

    private final EmbeddedPostgres server = SharedTestServer.get();

    @Test
    void approvalsGivenBeforeTheMigrationStayWithWhatTheyApproved() {
        DataSource database = freshDatabase();
        migrate(database, "50");
        JdbcTemplate jdbc = new JdbcTemplate(database);
        draft(jdbc, "waiting", "AWAITING_APPROVAL", 3, null);
        request(jdbc, "waiting", 3, "APPROVED", POLICY.formatted("waiting"), "2026-11-20T10:00:00Z");
        draft(jdbc, "stale", "AWAITING_APPROVAL", 5, null);
        request(jdbc, "stale", 3, "APPROVED", POLICY.formatted("stale"), "2026-11-20T10:00:00Z");
        draft(jdbc, "enforced", "ENFORCED", 4, 1);
        long accepted = request(jdbc, "enforced", 2, "APPROVED", POLICY.formatted("enforced"), "2026-11-20T10:00:00Z");
        jdbc.update(
                "insert into policy_version (namespace, name, version, kind, tier, policy_yaml, promoted_by,"
                        + " promoted_at, promotion_id) values ('payments', 'enforced', 1, 'NetworkPolicy', 'default', ?,"
                        + " 'alice', '2026-11-21T10:00:00Z', 'p-1')",
                "---\n" + POLICY.formatted("enforced"));

        migrate(database, "latest");

        assertThat(row(jdbc, "waiting")).containsEntry("state", "APPROVED").containsEntry("change_kind", "EDIT");
        assertThat(row(jdbc, "waiting").get("approval_id")).isNotNull();
        assertThat(row(jdbc, "stale"))
                .as("an approval of revision 3 does not approve revision 5")
                .containsEntry("state", "AWAITING_APPROVAL")
                .containsEntry("approval_id", null);
        assertThat(row(jdbc, "enforced")).containsEntry("state", "ENFORCED").containsEntry("approval_id", accepted);
        assertThat(jdbc.queryForObject("select approval_id from policy_version where name = 'enforced'", Long.class))
                .isEqualTo(accepted);
        assertThatThrownBy(() ->
                        jdbc.update("update approval_request set after_yaml = null where policy_name = 'waiting'"))
                .as("only a withdrawal has nothing after it")
                .hasStackTraceContaining("approval_request_after_ck");
    }

    private static void draft(JdbcTemplate jdbc, String name, String state, long revision, Integer enforced) {
        jdbc.update(
                "insert into policy_draft (namespace, name, kind, tier, state, revision, policy_yaml, updated_by,"
                        + " updated_at, enforced_version) values ('payments', ?, 'NetworkPolicy', 'default', ?, ?, ?,"
                        + " 'alice', now(), ?)",
                name,
                state,
                revision,
                POLICY.formatted(name),
                enforced);
    }

    private static long request(
            JdbcTemplate jdbc, String name, long revision, String status, String after, String decidedAt) {
        return jdbc.queryForObject(
                "insert into approval_request (namespace, policy_name, tier, revision, requested_by, requester_name,"
                        + " requested_at, after_yaml, impact_json, reasons_json, status, decided_by, decider_name,"
                        + " decided_at) values ('payments', ?, 'default', ?, 'alice', 'Alice', now(), ?, '{}', '[]', ?,"
                        + " 'security', 'Sam', cast(? as timestamptz)) returning id",
                Long.class,
                name,
                revision,
                after,
                status,
                decidedAt);
    }

    private static Map<String, Object> row(JdbcTemplate jdbc, String name) {
        return jdbc.queryForMap("select * from policy_draft where name = ?", name);
    }

    private DataSource freshDatabase() {
        String database = "lifecycle_" + UUID.randomUUID().toString().replace("-", "");
        new JdbcTemplate(server.getPostgresDatabase()).execute("create database " + database);
        return server.getDatabase("postgres", database);
    }

    private static void migrate(DataSource dataSource, String target) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of("application_role", ""))
                .target(MigrationVersion.fromVersion(target))
                .load()
                .migrate();
    }
}
