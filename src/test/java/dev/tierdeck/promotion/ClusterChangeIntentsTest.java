package dev.tierdeck.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.tierdeck.audit.AuditIntents;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ObjectRef;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import dev.tierdeck.policy.Policies;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Staging, promoting and withdrawing change the cluster before the database: when the database fails after the
 * cluster took the change (here the audit trail refuses the change's record), the change is still audited, by the
 * intent recorded before the cluster was written and settled by reading the cluster back. The same context as the
 * permission table.
 */
@SpringBootTest(
        properties = {
            "tierdeck.cluster.source=demo",
            "tierdeck.identity.demo.port=0",
            "tierdeck.database.embedded.database=permission_table",
            "tierdeck.flow.demo-feed.enabled=false"
        })
@AutoConfigureMockMvc
class ClusterChangeIntentsTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final CurrentUser CAROL = new CurrentUser(
            "http://localhost:9000",
            "carol",
            "carol",
            "carol",
            Set.of(Role.DEVELOPER),
            Set.of("tierdeck-developers", "team-payments"));
    private static final RequestPostProcessor CAROL_TOKEN =
            PermissionTableTest.token("carol", Role.DEVELOPER, List.of("tierdeck-developers", "team-payments"));

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    AuditIntents intents;

    @Autowired
    PromotionIntentSweep sweep;

    @Autowired
    ClusterReader cluster;

    @AfterEach
    void theAuditTrailWorksAgain() {
        jdbc.sql("drop trigger if exists intents_test_failure on audit_record").update();
        jdbc.sql("drop function if exists intents_test_failure()").update();
    }

    @Test
    void aStagedPolicyWhoseRecordFailedIsAuditedByReadingTheClusterBack() throws Exception {
        PolicyRef ref = saved();
        failTheRecordOf("policy.staged");

        assertThat(status(post(api(ref) + "/stage"))).isGreaterThanOrEqualTo(500);

        awaitCluster(PolicyManifests.stagedRef(ref), Optional::isPresent);
        assertThat(recorded("policy.staged", ref)).isZero();
        settleAndExpect("promotion.staged", ref);
    }

    @Test
    void aPromotionWhoseRecordFailedIsAuditedByReadingTheClusterBack() throws Exception {
        PolicyRef ref = saved();
        assertThat(status(post(api(ref) + "/stage"))).isEqualTo(200);
        failTheRecordOf("promotion.completed");

        assertThat(status(promote(ref))).isGreaterThanOrEqualTo(500);

        awaitCluster(PolicyManifests.enforcedRef(ref), Optional::isPresent);
        assertThat(recorded("promotion.completed", ref)).isZero();
        settleAndExpect("promotion.completed", ref);
    }

    @Test
    void aWithdrawalWhoseRecordFailedIsAuditedByReadingTheClusterBack() throws Exception {
        PolicyRef ref = saved();
        assertThat(status(post(api(ref) + "/stage"))).isEqualTo(200);
        assertThat(status(promote(ref))).isEqualTo(200);
        awaitCluster(PolicyManifests.enforcedRef(ref), Optional::isPresent);
        failTheRecordOf("promotion.withdrawn");

        assertThat(status(delete(api(ref)).param("reason", "no longer needed"))).isGreaterThanOrEqualTo(500);

        awaitCluster(PolicyManifests.enforcedRef(ref), Optional::isEmpty);
        assertThat(recorded("promotion.withdrawn", ref)).isZero();
        settleAndExpect("promotion.withdrawn", ref);
    }

    @Test
    void aChangeWhoseRecordWasWrittenLeavesNoIntentAndOneRecord() throws Exception {
        PolicyRef ref = saved();
        assertThat(status(post(api(ref) + "/stage"))).isEqualTo(200);
        assertThat(status(promote(ref))).isEqualTo(200);
        assertThat(status(delete(api(ref)).param("reason", "done"))).isBetween(200, 299);

        assertThat(intents.pending(ClusterChangeIntents.PREFIX, Duration.ZERO))
                .noneMatch(i -> ref.name().equals(i.entry().targetName()));
        assertThat(recorded("policy.staged", ref)).isOne();
        assertThat(recorded("promotion.completed", ref)).isOne();
        assertThat(recorded("promotion.withdrawn", ref)).isOne();
        assertThat(recorded("promotion.staged", ref)).isZero();
    }

    @Test
    void aChangeTheClusterNeverTookIsDroppedWithoutARecord() throws Exception {
        PolicyRef ref = saved();
        intents.intend(
                dev.tierdeck.audit.AuditEntry.builder(dev.tierdeck.audit.Actor.of(CAROL), "promotion.completed")
                        .target("NetworkPolicy", ref.namespace(), ref.name())
                        .build(),
                ClusterChangeIntents.payload(List.of(ClusterChangeIntents.Expected.promoted(
                        PolicyManifests.enforcedRef(ref), UUID.randomUUID().toString()))));

        sweep.settle(Duration.ZERO);

        assertThat(intents.pending(ClusterChangeIntents.PREFIX, Duration.ZERO))
                .noneMatch(i -> ref.name().equals(i.entry().targetName()));
        assertThat(recorded("promotion.completed", ref)).isZero();
    }

    private void settleAndExpect(String action, PolicyRef ref) {
        assertThat(intents.pending(ClusterChangeIntents.PREFIX, Duration.ZERO))
                .anyMatch(i -> ref.name().equals(i.entry().targetName()));
        theAuditTrailWorksAgain();

        sweep.settle(Duration.ZERO);
        sweep.settle(Duration.ZERO);

        assertThat(jdbc.sql("select reason from audit_record where action = :action and target_name = :name")
                        .param("action", action)
                        .param("name", ref.name())
                        .query(String.class)
                        .list())
                .as("audited once, as the cluster holds it")
                .singleElement()
                .asString()
                .contains("confirmed by reading the cluster back");
    }

    private PolicyRef saved() {
        String name = "intent-" + NAMES.incrementAndGet();
        drafts.save(CAROL, Policies.allowApi("payments", name, 8080), null);
        return PolicyRef.namespaced("payments", name);
    }

    private void failTheRecordOf(String action) {
        jdbc.sql("""
                        create or replace function intents_test_failure() returns trigger language plpgsql as $f$
                        begin
                          if new.action = '%s' then raise exception 'the audit trail is unavailable'; end if;
                          return new;
                        end $f$""".formatted(action)).update();
        jdbc.sql("create trigger intents_test_failure before insert on audit_record"
                        + " for each row execute function intents_test_failure()")
                .update();
    }

    private void awaitCluster(ObjectRef ref, Predicate<Optional<Map<String, Object>>> condition) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> condition.test(cluster.snapshot().find(ref)));
    }

    private long recorded(String action, PolicyRef ref) {
        return jdbc.sql("select count(*) from audit_record where action = :action and target_name = :name")
                .param("action", action)
                .param("name", ref.name())
                .query(Long.class)
                .single();
    }

    private MockHttpServletRequestBuilder promote(PolicyRef ref) {
        return post(api(ref) + "/promote")
                .header("Idempotency-Key", UUID.randomUUID().toString());
    }

    /** The status; a failure MockMvc hands on instead of the error page the container would render counts as 500. */
    private int status(MockHttpServletRequestBuilder request) throws Exception {
        try {
            MvcResult result = mvc.perform(request.with(CAROL_TOKEN)).andReturn();
            return result.getResponse().getStatus();
        } catch (jakarta.servlet.ServletException failed) {
            assertThat(failed).rootCause().hasMessageContaining("the audit trail is unavailable");
            return 500;
        }
    }

    private static String api(PolicyRef ref) {
        return "/api/v1/namespaces/" + ref.namespace() + "/policies/" + ref.name();
    }
}
