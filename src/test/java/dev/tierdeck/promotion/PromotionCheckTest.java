package dev.tierdeck.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowCounts;
import dev.tierdeck.flow.FlowEndpoint;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.flow.PolicyHit;
import dev.tierdeck.flow.PolicyHitKind;
import dev.tierdeck.flow.Reporter;
import dev.tierdeck.policy.ChangeKind;
import dev.tierdeck.policy.Policies;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.TestUsers;
import dev.tierdeck.verification.PromotionChecks;
import dev.tierdeck.verification.UnexpectedDenials;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

/**
 * After a promotion, the flows the policy actually denies are compared with its prediction: a denial the prediction
 * did not name is shown on the policy page with a roll back, in the versions and the API, and published once.
 */
@PromotionTest
@RecordApplicationEvents
class PromotionCheckTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    FlowStore flows;

    @Autowired
    PromotionChecks checks;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    private final String name = "checked-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void forget() {
        Cleanup.policies(jdbc, name);
        jdbc.sql("delete from promotion_check where name = :name")
                .param("name", name)
                .update();
    }

    private void stageAndPromote() throws Exception {
        mvc.perform(post("/api/v1/namespaces/payments/policies/" + name + "/stage")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/namespaces/payments/policies/" + name + "/promote")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isOk());
    }

    /** A flow into payments/api-* that the promoted policy denied. */
    private FlowRecord denied(String namespace, String source, int port) {
        Instant start = Instant.now();
        return new FlowRecord(
                start,
                start.plusSeconds(1),
                FlowEndpoint.workload(namespace, source, Map.of()),
                FlowEndpoint.workload("payments", "api-*", Map.of("app", "api")),
                "TCP",
                port,
                Reporter.Dst,
                FlowAction.Deny,
                List.of(new PolicyHit(
                        PolicyHitKind.EndOfTier,
                        "payments",
                        name,
                        "default",
                        FlowAction.Deny,
                        0,
                        -1,
                        new PolicyHit(
                                PolicyHitKind.CalicoNetworkPolicy, "payments", name, "default", null, 0, 0, null))),
                List.of(),
                new FlowCounts(0, 3, 0, 300, 3, 0, 0));
    }

    @Test
    void aDenialThePredictionDidNotNameIsShownWithARollBackAndPublishedOnce() throws Exception {
        PolicyRef ref = PolicyRef.namespaced("payments", name);
        drafts.save(TestUsers.ALICE.user(), Policies.allowApi("payments", name, 8080), null);
        stageAndPromote();
        PolicyDraft v1 = drafts.find(ref).orElseThrow();
        drafts.save(TestUsers.ALICE.user(), Policies.allowApi("payments", name, 8443), v1.revision());
        stageAndPromote();

        // the scripted preview predicted ingress-nginx/controller-* → payments/api-* TCP 8080 would be denied
        flows.ingest(List.of(denied("ingress-nginx", "controller-*", 8080), denied("payments", "web-*", 9000)));
        checks.checkOpen();

        mvc.perform(get("/api/v1/namespaces/payments/policies/" + name + "/promotion-checks")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].version").value(2))
                .andExpect(jsonPath("$[0].outcome").value("unexpected-denials"))
                .andExpect(jsonPath("$[0].predictedDenied").value(3))
                .andExpect(jsonPath("$[0].seenDenied").value(2))
                .andExpect(jsonPath("$[0].unexpectedDenied").value(1))
                .andExpect(jsonPath("$[0].unexpected[0].source").value("payments/web-*"))
                .andExpect(jsonPath("$[0].unexpected[0].connections").value(3))
                .andExpect(jsonPath("$[1].version").value(1));
        String page = mvc.perform(get("/namespaces/payments/policies/" + name).with(TestUsers.ALICE.session()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("Unexpected denials since version 2 was promoted")
                .contains("payments/web-* → payments/api-* TCP 9000")
                .contains("Roll back to version 1")
                .contains("value=\"Version 2 denies flows its prediction did not name, such as payments/web-*")
                .contains("predicted 3 denied, seen 2, 1 unexpected (watching)");
        assertThat(events.stream(UnexpectedDenials.class)
                        .filter(e -> e.policy().equals(ref.toString()))
                        .toList())
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.version()).isEqualTo(2);
                    assertThat(e.promotedBy()).isEqualTo("Alice Developer");
                    assertThat(e.page()).isEqualTo("/namespaces/payments/policies/" + name);
                });

        // checked again: still unexpected, not published twice
        checks.checkOpen();
        assertThat(events.stream(UnexpectedDenials.class)
                        .filter(e -> e.policy().equals(ref.toString()))
                        .count())
                .isEqualTo(1);

        // the one action: roll back through the normal pipeline with the reason the page offered
        mvc.perform(post("/namespaces/payments/policies/" + name + "/rollback")
                        .with(TestUsers.ALICE.session())
                        .with(csrf())
                        .param("version", "1")
                        .param("reason", "Version 2 denies flows its prediction did not name"))
                .andExpect(status().is3xxRedirection());
        PolicyDraft rolledBack = drafts.find(ref).orElseThrow();
        assertThat(rolledBack.change()).isEqualTo(ChangeKind.ROLLBACK);
        assertThat(rolledBack.policy()).isEqualTo(v1.policy());
    }

    @Test
    void otherTeamsCannotReadTheChecks() throws Exception {
        drafts.save(TestUsers.ALICE.user(), Policies.allowApi("payments", name, 8080), null);
        stageAndPromote();
        mvc.perform(get("/api/v1/namespaces/payments/policies/" + name + "/promotion-checks")
                        .with(TestUsers.BOB.token()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/namespaces/payments/policies/" + name + "/promotion-checks")
                        .with(TestUsers.ALICE.token()))
                .andExpect(jsonPath("$[0].outcome").value("watching"))
                .andExpect(jsonPath("$[0].seenDenied").value(0));
    }
}
