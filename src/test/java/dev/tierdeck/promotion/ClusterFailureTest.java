package dev.tierdeck.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.cluster.DemoClusters;
import dev.tierdeck.policy.Policies;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyState;
import dev.tierdeck.policy.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The cluster answers 409 or 500 during a promotion: a clear message, never a 500, nothing half done. */
@PromotionTest
class ClusterFailureTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @AfterEach
    void forget() {
        Cleanup.policies(jdbc, "failing-");
    }

    private PolicyDraft staged(String name) throws Exception {
        drafts.save(TestUsers.ALICE.user(), Policies.allowApi("payments", name, 8080), null);
        mvc.perform(post("/api/v1/namespaces/payments/policies/" + name + "/stage")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isOk());
        return drafts.find(PolicyRef.namespaced("payments", name)).orElseThrow();
    }

    @Test
    void someoneChangedTheStagedPolicySinceItWasPreviewed() throws Exception {
        PolicyDraft before = staged("failing-conflict");
        new Cluster(context).changeStagedSelector("payments", "failing-conflict", "app == 'everything'");

        mvc.perform(post("/namespaces/payments/policies/failing-conflict/promote")
                        .param("key", "conflict-page")
                        .with(TestUsers.ALICE.session())
                        .with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(content()
                        .string(allOf(
                                containsString("Someone changed it: preview again."),
                                containsString("Nothing was promoted"),
                                containsString("spec.selector"),
                                containsString("app == &#39;everything&#39;"),
                                containsString("name=\"key\""))));
        mvc.perform(post("/api/v1/namespaces/payments/policies/failing-conflict/promote")
                        .header("Idempotency-Key", "conflict-api")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("Someone changed it: preview again.")))
                .andExpect(jsonPath("$.problems[0].field").value("spec.selector"));

        assertUntouched(before, "failing-conflict");
    }

    @Test
    void theApiServerFailingWithA500LeavesEverythingAsItWas() throws Exception {
        PolicyDraft before = staged("failing-500");
        DemoClusters.of(context)
                .server()
                .expect()
                .get()
                .withPath("/apis/projectcalico.org/v3/namespaces/payments/stagednetworkpolicies/failing-500")
                .andReturn(500, "{\"kind\":\"Status\",\"code\":500,\"message\":\"etcd is sad\"}")
                .always();

        mvc.perform(post("/api/v1/namespaces/payments/policies/failing-500/promote")
                        .header("Idempotency-Key", "failing-500-1")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.detail").isNotEmpty())
                .andExpect(jsonPath("$.correlationId").isNotEmpty());
        mvc.perform(post("/namespaces/payments/policies/failing-500/promote")
                        .param("key", "failing-500-2")
                        .with(TestUsers.ALICE.session())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("flash", org.hamcrest.Matchers.hasToString(containsString("ERROR"))));

        assertUntouched(before, "failing-500");
        assertThat(jdbc.sql("select count(*) from promotion_key where idempotency_key like 'failing-500%'")
                        .query(Long.class)
                        .single())
                .as("a failed request gives its key back")
                .isZero();
    }

    @Test
    void aLostAnswerToTheEnforcedWriteIsSaidPlainlyAndTheReconcilerCompletesIt() throws Exception {
        staged("failing-lost");
        DemoClusters.of(context)
                .server()
                .expect()
                .post()
                .withPath("/apis/projectcalico.org/v3/namespaces/payments/networkpolicies?fieldManager=tierdeck")
                .andReturn(500, "{\"kind\":\"Status\",\"code\":500,\"message\":\"timeout\"}")
                .times(2);

        mvc.perform(post("/api/v1/namespaces/payments/policies/failing-lost/promote")
                        .header("Idempotency-Key", "failing-lost-1")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.settled").value(false))
                .andExpect(jsonPath("$.clusterRevision").doesNotExist());

        // the reconciler reads back, completes the write once, and removes the staged object after it
        Cluster cluster = new Cluster(context);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while ((cluster.enforced("payments", "failing-lost") == null
                        || cluster.staged("payments", "failing-lost") != null)
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(cluster.enforced("payments", "failing-lost")).isNotNull();
        assertThat(cluster.staged("payments", "failing-lost")).isNull();
        assertThat(drafts.versions(PolicyRef.namespaced("payments", "failing-lost")))
                .hasSize(1);
    }

    private void assertUntouched(PolicyDraft before, String name) {
        PolicyRef ref = PolicyRef.namespaced("payments", name);
        assertThat(drafts.find(ref)).contains(before);
        assertThat(before.state()).isEqualTo(PolicyState.STAGED);
        assertThat(drafts.versions(ref)).isEmpty();
        assertThat(new Cluster(context).enforced("payments", name)).isNull();
        assertThat(jdbc.sql(
                                "select count(*) from audit_record where action = 'promotion.completed' and target_name = :n")
                        .param("n", name)
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
