package dev.tierdeck.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasToString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.ChangeKind;
import dev.tierdeck.policy.Policies;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyState;
import dev.tierdeck.policy.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Withdrawal, rollback and adoption go through the pipeline of an edit: the impact restated, the guardrails (the
 * loosening one among them), the approval queue and a reason in the audit record; and the policy page says where
 * the draft stands, from its life cycle.
 */
@PromotionTest
class WithdrawalFlowTest {

    static final CurrentUser ALICE = TestUsers.ALICE.user();

    @Autowired
    MockMvc mvc;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    ApprovalStore approvals;

    @Autowired
    ScriptedPreviews previews;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @AfterEach
    void forget() {
        previews.withdrawalAllowing(0);
        previews.changeAllowing(0);
        Cleanup.policies(jdbc, "withdraw-");
    }

    private static String api(String name) {
        return "/api/v1/namespaces/payments/policies/" + name;
    }

    private static String page(String name) {
        return "/namespaces/payments/policies/" + name;
    }

    /** Stages the draft, has security approve it when a guardrail asks, and promotes it; returns the approval id. */
    private Long promote(String name) throws Exception {
        String staged = mvc.perform(post(api(name) + "/stage").with(TestUsers.ALICE.token()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        Long approval = null;
        Map<String, Object> answer = JsonPath.read(staged, "$");
        if (answer.get("approvalId") != null) {
            approval = approvals
                    .latest(PolicyRef.namespaced("payments", name))
                    .orElseThrow()
                    .id();
            mvc.perform(post("/api/v1/approvals/" + approval + "/approve").with(TestUsers.SECURITY.token()))
                    .andExpect(status().isOk());
        }
        mvc.perform(post(api(name) + "/promote").with(TestUsers.ALICE.token())).andExpect(status().isOk());
        return approval;
    }

    @Test
    void withdrawingAnApprovedPolicyThatLetsTrafficInAgainWaitsForAnApprover() throws Exception {
        PolicyRef ref = PolicyRef.namespaced("payments", "withdraw-approved");
        drafts.save(ALICE, ApprovalFlowTest.fromIngress("withdraw-approved"), null);
        long accepted = promote("withdraw-approved");
        previews.withdrawalAllowing(5);
        Cluster cluster = new Cluster(context);

        mvc.perform(delete(api("withdraw-approved")).with(TestUsers.ALICE.token()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0].field").value("reason"));
        mvc.perform(delete(api("withdraw-approved"))
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"The api answers through the gateway now.\"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.change").value("WITHDRAWAL"))
                .andExpect(jsonPath("$.reason").value("The api answers through the gateway now."))
                .andExpect(jsonPath("$.after").doesNotExist())
                .andExpect(jsonPath("$.impact.newlyAllowed").value(5))
                .andExpect(jsonPath("$.reasons[0].guardrail").value("loosening"))
                .andExpect(jsonPath("$.reasons[0].message")
                        .value(allOf(
                                containsString("Withdrawing the policy newly allows 5 observed connections"),
                                containsString("sandbox/debug-shell-* → payments/api-* TCP 8080"),
                                containsString("An approver accepted the policy in force"))));

        assertThat(cluster.enforced("payments", "withdraw-approved"))
                .as("in force until the withdrawal is approved")
                .isNotNull();
        PolicyDraft waiting = drafts.find(ref).orElseThrow();
        assertThat(waiting.state()).isEqualTo(PolicyState.AWAITING_APPROVAL);
        assertThat(waiting.change()).isEqualTo(ChangeKind.WITHDRAWAL);
        mvc.perform(get(page("withdraw-approved")).with(TestUsers.ALICE.session()))
                .andExpect(content()
                        .string(allOf(
                                containsString("withdrawal awaiting approval"),
                                containsString("Approval of the withdrawal"),
                                containsString("Waiting for an approver"),
                                containsString("tierdeck-security-admins"),
                                containsString("The policy stays in force"),
                                not(containsString("Withdraw…")))));
        mvc.perform(delete(api("withdraw-approved")).param("reason", "again").with(TestUsers.ALICE.token()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("carried out once approved")));

        Approval request = approvals.latest(ref).orElseThrow();
        mvc.perform(get("/admin/approvals").with(TestUsers.SECURITY.session()))
                .andExpect(content()
                        .string(allOf(
                                containsString("payments/withdraw-approved"),
                                containsString(">withdrawal<"),
                                containsString("The api answers through the gateway now."),
                                containsString("What leaves the cluster"),
                                containsString("sandbox/debug-shell-*"),
                                containsString("5 newly allowed"))));
        mvc.perform(post("/admin/approvals/" + request.id() + "/approve")
                        .param("comment", "The gateway checks callers.")
                        .with(TestUsers.SECURITY.session())
                        .with(csrf()))
                .andExpect(flash().attribute("flash", hasToString(containsString("may withdraw it now"))));
        assertThat(cluster.enforced("payments", "withdraw-approved"))
                .as("an approval carries nothing out by itself")
                .isNotNull();
        mvc.perform(get(page("withdraw-approved")).with(TestUsers.ALICE.session()))
                .andExpect(content()
                        .string(allOf(
                                containsString("withdrawal approved"),
                                containsString("Approved by Sam Security"),
                                containsString("Withdraw…"))));

        mvc.perform(delete(api("withdraw-approved")).with(TestUsers.ALICE.token()))
                .andExpect(status().isNoContent());

        assertThat(cluster.enforced("payments", "withdraw-approved")).isNull();
        PolicyDraft withdrawn = drafts.find(ref).orElseThrow();
        assertThat(withdrawn.state()).isEqualTo(PolicyState.WITHDRAWN);
        assertThat(withdrawn.enforcedVersion()).isNull();
        assertThat(drafts.versions(ref))
                .singleElement()
                .satisfies(v -> assertThat(v.approvalId()).isEqualTo(accepted));
        Map<String, Object> audit = jdbc.sql("select * from audit_record where action = 'promotion.withdrawn'"
                        + " and target_name = 'withdraw-approved' order by id desc limit 1")
                .query()
                .singleRow();
        assertThat((String) audit.get("reason"))
                .contains(
                        "The api answers through the gateway now.",
                        "approved in request " + request.id(),
                        "NetworkPolicy payments/withdraw-approved");
        assertThat(audit.get("impact")).isNotNull();
        assertThat((String) audit.get("before_yaml")).contains("ingress-nginx");
    }

    @Test
    void aPolicyNobodyApprovedIsWithdrawnAtOnceThroughTheConfirmation() throws Exception {
        PolicyRef ref = PolicyRef.namespaced("payments", "withdraw-direct");
        drafts.save(ALICE, Policies.allowApi("payments", "withdraw-direct", 8080), null);
        promote("withdraw-direct");
        // what it lets in again is restated, but nobody accepted the policy: the guardrail does not ask by default
        previews.withdrawalAllowing(2);

        mvc.perform(get(page("withdraw-direct") + "/delete").with(TestUsers.ALICE.session()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("What withdrawing it will do"),
                                containsString("would newly allow 2 connections ("),
                                containsString("sandbox/debug-shell-*"),
                                containsString("What leaves the cluster: version 1"),
                                containsString("name=\"reason\""),
                                containsString("Withdraw payments/withdraw-direct"),
                                not(containsString("Ask an approver")))));
        mvc.perform(post(page("withdraw-direct") + "/delete")
                        .with(TestUsers.ALICE.session())
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content()
                        .string(allOf(containsString("Give a reason"), containsString("id=\"withdraw-form\""))));
        Cluster cluster = new Cluster(context);
        assertThat(cluster.enforced("payments", "withdraw-direct")).isNotNull();

        mvc.perform(post(page("withdraw-direct") + "/delete")
                        .param("reason", "Replaced by the gateway policy.")
                        .with(TestUsers.ALICE.session())
                        .with(csrf()))
                .andExpect(redirectedUrl(page("withdraw-direct")))
                .andExpect(flash().attribute("flash", hasToString(containsString("is withdrawn"))));

        assertThat(cluster.enforced("payments", "withdraw-direct")).isNull();
        assertThat(drafts.find(ref).orElseThrow().state()).isEqualTo(PolicyState.WITHDRAWN);
        assertThat(jdbc.sql("select reason from audit_record where action = 'promotion.withdrawn'"
                                + " and target_name = 'withdraw-direct'")
                        .query(String.class)
                        .single())
                .startsWith("Replaced by the gateway policy.");
        mvc.perform(get(page("withdraw-direct")).with(TestUsers.ALICE.session()))
                .andExpect(content()
                        .string(allOf(
                                containsString(">withdrawn<"),
                                containsString("nothing: withdrawn"),
                                containsString("Delete…"),
                                not(containsString("Withdraw…")))));

        // withdrawn, the draft may be forgotten: nothing is in force any more
        mvc.perform(delete(api("withdraw-direct")).with(TestUsers.ALICE.token()))
                .andExpect(status().isNoContent());
        assertThat(drafts.find(ref)).isEmpty();
        assertThat(drafts.versions(ref)).hasSize(1);
    }

    @Test
    void rollingBackToAVersionAnApproverAcceptedNeedsNoSecondApproval() throws Exception {
        PolicyRef ref = PolicyRef.namespaced("payments", "withdraw-rollback");
        drafts.save(ALICE, ApprovalFlowTest.fromIngress("withdraw-rollback"), null);
        long first = promote("withdraw-rollback");
        PolicyDraft v1 = drafts.find(ref).orElseThrow();
        drafts.save(
                ALICE,
                Policies.yaml(PolicyManifests.yaml(ApprovalFlowTest.fromIngress("withdraw-rollback"))
                        .replace("8080", "8443")),
                v1.revision());
        long second = promote("withdraw-rollback");
        assertThat(second).isNotEqualTo(first);
        // going back loosens what version 2 denies: the loosening guardrail would speak, but not for approved content
        previews.changeAllowing(4);

        mvc.perform(post(api("withdraw-rollback") + "/rollback")
                        .param("version", "1")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0].field").value("reason"));
        mvc.perform(post(api("withdraw-rollback") + "/rollback")
                        .param("version", "1")
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"8443 is not served yet.\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.change").value("ROLLBACK"))
                .andExpect(jsonPath("$.state").value("DRAFT"));
        mvc.perform(post(api("withdraw-rollback") + "/stage").with(TestUsers.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.draft.state").value("STAGED"))
                .andExpect(jsonPath("$.draft.approvalId").value(first))
                .andExpect(jsonPath("$.approvalId").doesNotExist());
        mvc.perform(get(page("withdraw-rollback")).with(TestUsers.ALICE.session()))
                .andExpect(content()
                        .string(allOf(
                                containsString("approved this very content in request " + first),
                                not(containsString("needs approval")))));
        mvc.perform(post(api("withdraw-rollback") + "/promote").with(TestUsers.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(3));

        assertThat(drafts.version(ref, 3).orElseThrow().approvalId()).isEqualTo(first);
        assertThat(jdbc.sql("select reason from audit_record where action = 'policy.rolled-back'"
                                + " and target_name = 'withdraw-rollback'")
                        .query(String.class)
                        .single())
                .isEqualTo("to version 1: 8443 is not served yet.");
    }

    @Test
    void rollingBackAnApprovedPolicyToAVersionNobodyApprovedAsksTheLooseningGuardrail() throws Exception {
        PolicyRef ref = PolicyRef.namespaced("payments", "withdraw-loosen");
        drafts.save(ALICE, Policies.allowApi("payments", "withdraw-loosen", 8080), null);
        assertThat(promote("withdraw-loosen")).as("version 1 needed nobody").isNull();
        PolicyDraft v1 = drafts.find(ref).orElseThrow();
        drafts.save(ALICE, ApprovalFlowTest.fromIngress("withdraw-loosen"), v1.revision());
        assertThat(promote("withdraw-loosen")).as("version 2 was approved").isNotNull();
        previews.changeAllowing(3);

        drafts.rollBack(
                ALICE, ref, 1, drafts.find(ref).orElseThrow().revision(), "The ingress rule broke the health checks.");
        mvc.perform(post(api("withdraw-loosen") + "/stage").with(TestUsers.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.draft.state").value("AWAITING_APPROVAL"))
                .andExpect(jsonPath("$.approvalReasons[0]")
                        .value(containsString("Rolling the policy back newly allows 3")));

        Approval request = approvals.latest(ref).orElseThrow();
        assertThat(request.change()).isEqualTo(ChangeKind.ROLLBACK);
        assertThat(request.reason()).isEqualTo("The ingress rule broke the health checks.");
        mvc.perform(get("/admin/approvals").with(TestUsers.SECURITY.session()))
                .andExpect(content().string(allOf(containsString(">rollback<"), containsString("health checks"))));
    }

    @Test
    void afterAnApprovalTheBadgeSaysApprovedAndAnOldApprovalNeverShowsAboveANewerDraft() throws Exception {
        PolicyRef ref = PolicyRef.namespaced("payments", "withdraw-badge");
        drafts.save(ALICE, ApprovalFlowTest.fromIngress("withdraw-badge"), null);
        mvc.perform(post(api("withdraw-badge") + "/stage").with(TestUsers.ALICE.token()))
                .andExpect(status().isOk());
        long id = approvals.latest(ref).orElseThrow().id();
        mvc.perform(post("/api/v1/approvals/" + id + "/approve").with(TestUsers.SECURITY.token()))
                .andExpect(status().isOk());

        mvc.perform(get(page("withdraw-badge")).with(TestUsers.ALICE.session()))
                .andExpect(content()
                        .string(allOf(
                                containsString("class=\"badge state state-approved\">approved<"),
                                containsString("Approved by Sam Security"),
                                not(containsString("needs approval")),
                                containsString("Promote…"))));
        mvc.perform(post(api("withdraw-badge") + "/promote").with(TestUsers.ALICE.token()))
                .andExpect(status().isOk());
        mvc.perform(get(page("withdraw-badge")).with(TestUsers.ALICE.session()))
                .andExpect(content()
                        .string(allOf(
                                containsString(">enforced<"),
                                containsString("Approved by Sam Security"),
                                not(containsString("Current problems")),
                                not(containsString("needs approval")))));

        PolicyDraft enforced = drafts.find(ref).orElseThrow();
        drafts.save(
                ALICE,
                Policies.yaml(PolicyManifests.yaml(ApprovalFlowTest.fromIngress("withdraw-badge"))
                        .replace("8080", "9443")),
                enforced.revision());
        mvc.perform(get(page("withdraw-badge")).with(TestUsers.ALICE.session()))
                .andExpect(content()
                        .string(allOf(
                                containsString(">draft<"),
                                not(containsString("Approved by Sam Security")),
                                not(containsString("id=\"approval-outcome\"")),
                                containsString("needs approval"),
                                containsString("approved (request " + id + ")"))));
    }

    @Test
    void adoptingAPolicyWrittenOutsideTierdeckNeedsAReasonAndTheApproverSeesWhatItReplaces() throws Exception {
        String adopted = PolicyManifests.yaml(ApprovalFlowTest.fromIngress("payments-api"));
        try {
            mvc.perform(put(api("payments-api"))
                            .with(TestUsers.ALICE.token())
                            .contentType("application/yaml")
                            .content(adopted))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.errors[0].field").value("metadata.name"))
                    .andExpect(jsonPath("$.errors[0].message").value(containsString("adoption")));
            mvc.perform(put(api("payments-api"))
                            .param("reason", " ")
                            .with(TestUsers.ALICE.token())
                            .contentType("application/yaml")
                            .content(adopted))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.errors[0].field").value("reason"));
            mvc.perform(put(api("payments-api"))
                            .param("reason", "Payments owns its ingress from now on.")
                            .with(TestUsers.ALICE.token())
                            .contentType("application/yaml")
                            .content(adopted))
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.change").value("ADOPTION"))
                    .andExpect(jsonPath("$.reason").value("Payments owns its ingress from now on."));

            mvc.perform(post(api("payments-api") + "/stage").with(TestUsers.ALICE.token()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.draft.state").value("AWAITING_APPROVAL"));
            Approval request = approvals
                    .latest(PolicyRef.namespaced("payments", "payments-api"))
                    .orElseThrow();
            assertThat(request.change()).isEqualTo(ChangeKind.ADOPTION);
            assertThat(request.reason()).isEqualTo("Payments owns its ingress from now on.");
            assertThat(request.before())
                    .as("the approver compares with the cluster's own version, not with nothing")
                    .contains("name: payments-api")
                    .doesNotContain("ingress-nginx");
            assertThat(jdbc.sql("select reason from audit_record where action = 'policy.adopted'"
                                    + " and target_name = 'payments-api' order by id desc limit 1")
                            .query(String.class)
                            .single())
                    .isEqualTo("Payments owns its ingress from now on.");

            // forgetting the adopted draft removes its staged object and leaves the cluster's policy alone
            mvc.perform(delete(api("payments-api")).with(TestUsers.ALICE.token()))
                    .andExpect(status().isNoContent());
            assertThat(new Cluster(context).staged("payments", "payments-api")).isNull();
            assertThat(new Cluster(context).enforced("payments", "payments-api"))
                    .isNotNull();
        } finally {
            Cleanup.policies(jdbc, "payments-api");
        }
    }
}
