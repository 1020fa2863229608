package dev.tierdeck.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowCounts;
import dev.tierdeck.flow.FlowEndpoint;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.flow.PolicyHit;
import dev.tierdeck.flow.PolicyHitKind;
import dev.tierdeck.flow.Reporter;
import dev.tierdeck.policy.Policies;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.TestUsers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** A staged policy's page shows the flows Calico evaluated against it, beside what the preview predicted. */
@PromotionTest
class PendingVerdictsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    FlowStore flows;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void forget() {
        Cleanup.policies(jdbc, "verdicts-");
    }

    /** A flow into payments/api-* whose pending trace ends in the staged policy's verdict. */
    private static FlowRecord flow(String sourceNamespace, String source, int port, FlowAction pending) {
        Instant start = Instant.now().minus(10, ChronoUnit.MINUTES);
        return new FlowRecord(
                start,
                start.plusSeconds(15),
                FlowEndpoint.workload(sourceNamespace, source, Map.of()),
                FlowEndpoint.workload("payments", "api-*", Map.of("app", "api")),
                "TCP",
                port,
                Reporter.Dst,
                FlowAction.Allow,
                List.of(new PolicyHit(
                        PolicyHitKind.CalicoNetworkPolicy,
                        "payments",
                        "allow-all",
                        "default",
                        FlowAction.Allow,
                        0,
                        0,
                        null)),
                List.of(new PolicyHit(
                        PolicyHitKind.StagedNetworkPolicy, "payments", "verdicts-api", "default", pending, 0, 0, null)),
                new FlowCounts(5, 5, 500, 500, 1, 1, 0));
    }

    @Test
    void livePendingVerdictsStandBesideTheOfflinePrediction() throws Exception {
        drafts.save(TestUsers.ALICE.user(), Policies.allowApi("payments", "verdicts-api", 8080), null);
        mvc.perform(post("/api/v1/namespaces/payments/policies/verdicts-api/stage")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isOk());
        flows.ingest(List.of(
                // predicted Deny by the scripted preview, reported Deny by the cluster: they agree
                flow("ingress-nginx", "controller-*", 8080, FlowAction.Deny),
                // not in the prediction (so it keeps Allow), yet the cluster reports Deny: a disagreement
                flow("payments", "web-*", 9000, FlowAction.Deny)));

        String page = mvc.perform(
                        get("/namespaces/payments/policies/verdicts-api").with(TestUsers.ALICE.session()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page)
                .contains("Live pending verdicts beside the offline prediction")
                .containsSubsequence(
                        "ingress-nginx/controller-*", "payments/api-*", "TCP 8080", "Allow", "Deny", "Deny")
                .containsSubsequence(
                        "class=\"disagrees\"",
                        "payments/web-*",
                        "payments/api-*",
                        "TCP 9000",
                        "Allow",
                        "Deny",
                        "Allow");
    }
}
