package dev.tierdeck.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
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
import dev.tierdeck.policy.Policies;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyState;
import dev.tierdeck.policy.TestUsers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Promotion on evidence: with the promotion-evidence guardrail on, a staged policy whose pending verdicts deny traffic
 * allowed today goes to an approver (or is refused) instead of being promoted; the policy page and the API show the
 * live evidence beside the prediction.
 */
@PromotionTest
class EvidenceGateTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    FlowStore flows;

    @Autowired
    JdbcClient jdbc;

    /** A fresh name per test: a promoted policy stays in the demo cluster. */
    private String name;

    private PolicyRef ref;

    private Map<String, Object> rulesBefore;
    private int version;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void readGuardrails() throws Exception {
        name = "evidence-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        ref = PolicyRef.namespaced("payments", name);
        Map<String, Object> current = JSON.readValue(
                mvc.perform(get("/api/v1/guardrails").with(TestUsers.SECURITY.token()))
                        .andReturn()
                        .getResponse()
                        .getContentAsString(),
                Map.class);
        rulesBefore = (Map<String, Object>) current.get("rules");
        version = (Integer) current.get("version");
    }

    @AfterEach
    void restore() throws Exception {
        saveGuardrails(rulesBefore);
        Cleanup.policies(jdbc, "evidence-");
        jdbc.sql("delete from policy_staging where name like 'evidence-%'").update();
    }

    @SuppressWarnings("unchecked")
    private void evidenceGuardrail(boolean enabled, String severity, int minutes, int maxDenials) throws Exception {
        Map<String, Object> rules = JSON.readValue(JSON.writeValueAsString(rulesBefore), Map.class);
        rules.put(
                "promotionEvidence",
                Map.of(
                        "enabled",
                        enabled,
                        "severity",
                        severity,
                        "minStagedMinutes",
                        minutes,
                        "maxNewDenials",
                        maxDenials));
        saveGuardrails(rules);
    }

    private void saveGuardrails(Map<String, Object> rules) throws Exception {
        String body = JSON.writeValueAsString(Map.of("rules", rules, "comment", "test", "baseVersion", version));
        String saved = mvc.perform(put("/api/v1/guardrails")
                        .with(TestUsers.SECURITY.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        version = (Integer) JSON.readValue(saved, Map.class).get("version");
    }

    /** A flow into payments/api-* allowed today, whose pending trace ends in the staged policy's verdict. */
    private FlowRecord flow(String source, int port, FlowAction pending) {
        Instant start = Instant.now();
        return new FlowRecord(
                start,
                start.plusSeconds(1),
                FlowEndpoint.workload("ingress-nginx", source, Map.of()),
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
                        PolicyHitKind.StagedNetworkPolicy, "payments", name, "default", pending, 0, 0, null)),
                new FlowCounts(5, 5, 500, 500, 4, 4, 0));
    }

    private void stage() throws Exception {
        drafts.save(TestUsers.ALICE.user(), Policies.allowApi("payments", name, 8080), null);
        mvc.perform(post("/api/v1/namespaces/payments/policies/" + name + "/stage")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isOk());
    }

    @Test
    void aStagedPolicyThatWouldDenyTrafficAllowedTodayGoesToAnApproverInsteadOfInForce() throws Exception {
        evidenceGuardrail(true, "require-approval", 0, 0);
        Instant started = Instant.now();
        stage();
        flows.ingest(List.of(flow("controller-*", 8080, FlowAction.Deny), flow("worker-*", 9090, FlowAction.Allow)));

        mvc.perform(get("/api/v1/namespaces/payments/policies/" + name + "/evidence")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.staged").value(true))
                .andExpect(jsonPath("$.flowsSeen").value(2))
                .andExpect(jsonPath("$.wouldBeDenied").value(1))
                .andExpect(jsonPath("$.examples[0].source").value("ingress-nginx/controller-*"))
                .andExpect(jsonPath("$.examples[0].connections").value(4))
                .andExpect(jsonPath("$.ready").value(false))
                .andExpect(jsonPath("$.shortfalls[0]").value(containsString("deny 1 observed flow")))
                .andExpect(jsonPath("$.prediction.newlyDenied").value(3));
        String page = mvc.perform(get("/namespaces/payments/policies/" + name).with(TestUsers.ALICE.session()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("Live evidence since it was staged", "Would-be denials")
                .contains("ingress-nginx/controller-* → payments/api-* TCP 8080")
                .contains("Not ready: promoting asks an approver");

        mvc.perform(post("/api/v1/namespaces/payments/policies/" + name + "/promote")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.state").value("awaiting-approval"))
                .andExpect(jsonPath("$.reasons[0]").value(containsString("promotion-evidence")));

        assertThat(drafts.find(ref).orElseThrow().state()).isEqualTo(PolicyState.AWAITING_APPROVAL);
        assertThat(drafts.versions(ref)).isEmpty();
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'approval.requested'"
                                + " and target_name = :name and reason like '%promotion-evidence%'"
                                + " and occurred_at >= :started")
                        .param("started", java.sql.Timestamp.from(started))
                        .param("name", name)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void withSeverityBlockThePromotionIsRefusedAndNothingChanges() throws Exception {
        evidenceGuardrail(true, "block", 0, 0);
        stage();
        flows.ingest(List.of(flow("controller-*", 8080, FlowAction.Deny)));
        long revision = drafts.find(ref).orElseThrow().revision();

        mvc.perform(post("/api/v1/namespaces/payments/policies/" + name + "/promote")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value(containsString("cannot be promoted yet")))
                .andExpect(jsonPath("$.problems[0].field").value("spec"))
                .andExpect(jsonPath("$.problems[0].message").value(containsString("Guardrail promotion-evidence")));
        mvc.perform(post("/namespaces/payments/policies/" + name + "/promote")
                        .with(TestUsers.ALICE.session())
                        .with(csrf()))
                .andExpect(flash().attribute(
                                "flash", org.hamcrest.Matchers.hasToString(containsString("cannot be promoted yet"))));

        assertThat(drafts.find(ref).orElseThrow().revision()).isEqualTo(revision);
        assertThat(drafts.find(ref).orElseThrow().state()).isEqualTo(PolicyState.STAGED);
        assertThat(drafts.versions(ref)).isEmpty();
    }

    @Test
    void aPolicyStagedForLessThanTheMinimumIsNotReadyEvenWithoutDenials() throws Exception {
        evidenceGuardrail(true, "block", 60, 0);
        stage();
        flows.ingest(List.of(flow("worker-*", 9090, FlowAction.Allow)));

        mvc.perform(get("/api/v1/namespaces/payments/policies/" + name + "/evidence")
                        .with(TestUsers.ALICE.token()))
                .andExpect(jsonPath("$.ready").value(false))
                .andExpect(jsonPath("$.wouldBeDenied").value(0))
                .andExpect(jsonPath("$.shortfalls[0]").value("staged for 0 minutes of the 1 hour required"));
        mvc.perform(post("/api/v1/namespaces/payments/policies/" + name + "/promote")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isUnprocessableContent());
    }

    @Test
    void whenTheCriteriaHoldThePolicyIsReadyAndPromotedWithoutAnApprover() throws Exception {
        evidenceGuardrail(true, "require-approval", 0, 1);
        stage();
        flows.ingest(List.of(flow("controller-*", 8080, FlowAction.Deny), flow("worker-*", 9090, FlowAction.Allow)));

        String page = mvc.perform(get("/namespaces/payments/policies/" + name).with(TestUsers.ALICE.session()))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Ready to promote");
        mvc.perform(post("/api/v1/namespaces/payments/policies/" + name + "/promote")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1));
    }

    @Test
    void adminsPassTheGuardrailAndOtherTeamsCannotReadTheEvidence() throws Exception {
        evidenceGuardrail(true, "block", 600, 0);
        stage();
        mvc.perform(get("/api/v1/namespaces/payments/policies/" + name + "/evidence")
                        .with(TestUsers.BOB.token()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/namespaces/payments/policies/" + name + "/promote")
                        .with(TestUsers.SECURITY.token()))
                .andExpect(status().isOk());
    }

    @Test
    void badSettingsAreRefusedAtTheField() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> rules = JSON.readValue(JSON.writeValueAsString(rulesBefore), Map.class);
        rules.put(
                "promotionEvidence",
                Map.of("enabled", true, "severity", "require-approval", "minStagedMinutes", -5, "maxNewDenials", 0));
        mvc.perform(put("/api/v1/guardrails")
                        .with(TestUsers.SECURITY.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(
                                Map.of("rules", rules, "comment", "test", "baseVersion", version))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[0].field").value("promotionEvidence.minStagedMinutes"));
        // a developer may not change the guardrails at all
        mvc.perform(put("/api/v1/guardrails")
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(
                                Map.of("rules", rulesBefore, "comment", "test", "baseVersion", version))))
                .andExpect(status().isForbidden());
    }
}
