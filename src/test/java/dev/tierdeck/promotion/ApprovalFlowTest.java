package dev.tierdeck.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.Policies;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyState;
import dev.tierdeck.policy.TestUsers;
import dev.tierdeck.tenancy.Team;
import dev.tierdeck.tenancy.Teams;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** A change a guardrail flags waits for an approver; approved it may be promoted, rejected the requester reads why. */
@PromotionTest
class ApprovalFlowTest {

    static final CurrentUser ALICE = TestUsers.ALICE.user();

    @Autowired
    MockMvc mvc;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    ApprovalStore approvals;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Teams teams;

    @Test
    void aDeveloperInATeamsApproverGroupFindsTheQueueInTheNavigation() throws Exception {
        Team payments = teams.find("payments").orElseThrow();
        List<String> approvers = new ArrayList<>(payments.approverGroups());
        approvers.add("team-catalog");
        teams.update(
                new Team(
                        payments.name(),
                        payments.description(),
                        payments.groups(),
                        payments.namespacePatterns(),
                        approvers),
                "test");
        try {
            mvc.perform(get("/").with(TestUsers.BOB.session()))
                    .andExpect(content().string(containsString("href=\"/admin/approvals\"")));
            // an approver with nothing waiting finds an empty queue, not a refusal
            mvc.perform(get("/admin/approvals").with(TestUsers.BOB.session())).andExpect(status().isOk());
            mvc.perform(get("/").with(TestUsers.ALICE.session()))
                    .andExpect(content().string(not(containsString("href=\"/admin/approvals\""))));
        } finally {
            teams.update(payments, "test");
        }
    }

    @AfterEach
    void forget() {
        Cleanup.policies(jdbc, "approval-");
    }

    /** Lets the ingress controller's namespace in: the peer-namespaces guardrail asks for an approver. */
    static CalicoPolicy fromIngress(String name) {
        return Policies.yaml("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: %s, namespace: payments}
                spec:
                  tier: default
                  order: 100
                  selector: app == 'api'
                  ingress:
                  - action: Allow
                    protocol: TCP
                    source: {namespaceSelector: kubernetes.io/metadata.name == 'ingress-nginx'}
                    destination: {ports: [8080]}
                """.formatted(name));
    }

    private long stageForApproval(String name) throws Exception {
        drafts.save(ALICE, fromIngress(name), null);
        mvc.perform(post("/api/v1/namespaces/payments/policies/" + name + "/stage")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.draft.state").value("AWAITING_APPROVAL"))
                .andExpect(jsonPath("$.approvalId").isNumber());
        return approvals
                .latest(PolicyRef.namespaced("payments", name))
                .orElseThrow()
                .id();
    }

    @Test
    void aFlaggedChangeWaitsForAnApproverAndIsPromotedOnceApproved() throws Exception {
        long id = stageForApproval("approval-granted");
        Approval request = approvals.find(id).orElseThrow();
        assertThat(request.reasons())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.guardrail()).isNotNull());
        assertThat(request.impact().newlyDenied()).isEqualTo(3);
        assertThat(request.before()).isNull();
        assertThat(request.after()).contains("ingress-nginx");

        String api = "/api/v1/namespaces/payments/policies/approval-granted";
        mvc.perform(post(api + "/promote").with(TestUsers.ALICE.token()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("waiting for an approver")));

        mvc.perform(get("/namespaces/payments/policies/approval-granted").with(TestUsers.ALICE.session()))
                .andExpect(content()
                        .string(allOf(
                                containsString("Waiting for an approver"),
                                not(containsString("Promote…")),
                                not(containsString(">Stage</button>")))));
        mvc.perform(get("/admin/approvals").with(TestUsers.ADMIN.session()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("payments/approval-granted"),
                                containsString("Alice Developer"),
                                containsString("class=\"diff-added\""),
                                containsString("3 connections newly denied ("),
                                containsString("/admin/approvals/" + id + "/approve"),
                                containsString("href=\"/admin/approvals\" aria-current=\"page\""),
                                // approvers see how many requests wait for them beside the link
                                containsString("class=\"nav-count\" title=\""))));
        mvc.perform(get("/api/v1/approvals").with(TestUsers.SECURITY.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == " + id + ")].name").value("approval-granted"));

        mvc.perform(post("/admin/approvals/" + id + "/approve")
                        .param("comment", "ingress only, fine")
                        .with(TestUsers.ADMIN.session())
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/approvals"));

        mvc.perform(get("/namespaces/payments/policies/approval-granted").with(TestUsers.ALICE.session()))
                .andExpect(content()
                        .string(allOf(
                                containsString("Approved by Ada Admin"),
                                containsString("ingress only, fine"),
                                containsString("Promote…"))));
        mvc.perform(post(api + "/promote").with(TestUsers.ALICE.token()).header("Idempotency-Key", "approved-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1));
        assertThat(drafts.find(PolicyRef.namespaced("payments", "approval-granted"))
                        .orElseThrow()
                        .state())
                .isEqualTo(PolicyState.ENFORCED);
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'approval.approved'"
                                + " and target_name = 'approval-granted' and impact is not null")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aRejectionNeedsACommentAndTheRequesterReadsIt() throws Exception {
        long id = stageForApproval("approval-refused");

        mvc.perform(post("/admin/approvals/" + id + "/reject")
                        .with(TestUsers.ADMIN.session())
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("say why the change is rejected")));
        mvc.perform(post("/api/v1/approvals/" + id + "/reject")
                        .with(TestUsers.ADMIN.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"comment\":\"\"}"))
                .andExpect(status().isUnprocessableContent());

        mvc.perform(post("/api/v1/approvals/" + id + "/reject")
                        .with(TestUsers.ADMIN.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"comment\":\"<b>open to every ingress pod</b>\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REJECTED"));

        PolicyRef ref = PolicyRef.namespaced("payments", "approval-refused");
        assertThat(drafts.find(ref).orElseThrow().state()).isEqualTo(PolicyState.REJECTED);
        mvc.perform(get("/namespaces/payments/policies/approval-refused").with(TestUsers.ALICE.session()))
                .andExpect(content()
                        .string(allOf(
                                containsString("Rejected by Ada Admin"),
                                containsString("&lt;b&gt;open to every ingress pod&lt;/b&gt;"),
                                not(containsString("<b>open")))));
        mvc.perform(post("/api/v1/namespaces/payments/policies/approval-refused/promote")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("was rejected")));
        mvc.perform(post("/api/v1/approvals/" + id + "/approve").with(TestUsers.SECURITY.token()))
                .andExpect(status().isConflict());
    }

    @Test
    void nobodyApprovesTheirOwnChangeAndDevelopersDoNotReachTheQueue() throws Exception {
        CurrentUser admin = TestUsers.ADMIN.user();
        drafts.save(admin, fromIngress("approval-own"), null);
        PolicyRef ref = PolicyRef.namespaced("payments", "approval-own");
        long id = stageForApproval("approval-theirs");
        // an admin's own request: admins pass the guardrails, so open one for them directly
        long own = approvals
                .open(
                        ref,
                        "default",
                        1,
                        "admin",
                        "Ada Admin",
                        java.time.Instant.now(),
                        null,
                        "a",
                        approvals.find(id).orElseThrow().impact(),
                        java.util.List.of(),
                        dev.tierdeck.policy.ChangeKind.EDIT,
                        null)
                .id();

        mvc.perform(post("/api/v1/approvals/" + own + "/approve").with(TestUsers.ADMIN.token()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("Nobody approves their own change")));
        mvc.perform(get("/admin/approvals").with(TestUsers.ADMIN.session()))
                .andExpect(content().string(containsString("Your own request: another approver decides it.")));

        mvc.perform(get("/admin/approvals").with(TestUsers.ALICE.session())).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/approvals").with(TestUsers.BOB.token())).andExpect(status().isForbidden());
        mvc.perform(post("/admin/approvals/" + id + "/approve")
                        .with(TestUsers.ALICE.session())
                        .with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/approvals/" + id + "/approve").with(TestUsers.VIEWER.token()))
                .andExpect(status().isForbidden());
        assertThat(approvals.find(id).orElseThrow().pending()).isTrue();
    }

    @Test
    void theQueueAnswersHtmxWithItsContentOnly() throws Exception {
        stageForApproval("approval-htmx");

        mvc.perform(get("/admin/approvals").header("HX-Request", "true").with(TestUsers.SECURITY.session()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"approvals\""),
                                containsString("payments/approval-htmx"),
                                not(containsString("<html")))));
    }
}
