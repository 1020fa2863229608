package dev.tierdeck.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

@PreviewPortalTest
class PreviewPagesTest {

    private static final String PAGE = "/namespaces/payments/policies/allow-web/preview";
    private static final String API = "/api/v1/namespaces/payments/policies/allow-web/preview";

    private static final CurrentUser ALICE = new CurrentUser(
            "test",
            "alice",
            "alice",
            "Alice Developer",
            Set.of(Role.DEVELOPER),
            Set.of("tierdeck-developers", "team-payments"));
    private static final CurrentUser SAM = new CurrentUser(
            "test",
            "security",
            "security",
            "Sam Security",
            Set.of(Role.SECURITY_ADMIN),
            Set.of("tierdeck-security-admins"));

    @Autowired
    MockMvc mvc;

    @Autowired
    FlowStore flows;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PolicyDrafts drafts;

    @BeforeEach
    void historyAndDrafts() {
        jdbc.execute("truncate flow_bucket");
        flows.ingest(PreviewFixture.history(
                Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(30, ChronoUnit.MINUTES)));
        // allow-web is in force in the cluster, written outside Tierdeck: the draft takes it over
        save(
                ALICE,
                ManifestReader.read("change.yaml", PreviewFixture.resource("change.yaml")),
                "The payments team manages its web ingress in Tierdeck now.");
        save(SAM, ManifestReader.read("quarantine", """
                        apiVersion: projectcalico.org/v3
                        kind: GlobalNetworkPolicy
                        metadata: {name: quarantine-catalog}
                        spec:
                          tier: security
                          order: 5
                          namespaceSelector: team == 'catalog'
                          types: [Egress]
                          egress: [{action: Deny}]
                        """), null);
    }

    /** Saves the draft once per database (the context, and so the database, is shared by the test methods). */
    private void save(CurrentUser user, Manifests manifests, @Nullable String adoption) {
        CalicoPolicy policy = (CalicoPolicy) manifests.objects().getFirst();
        if (drafts.find(new PolicyRef(policy.namespace(), policy.name())).isEmpty()) {
            if (adoption == null) {
                drafts.save(user, policy, null);
            } else {
                drafts.adopt(user, policy, adoption);
            }
        }
    }

    @Test
    void theOwningTeamSeesTotalsChartGroupsAndExplanations() throws Exception {
        String page = mvc.perform(get(PAGE).param("window", "H1").with(Users.ALICE.session()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page)
                .contains("<title>Impact preview · Tierdeck</title>")
                .containsSubsequence("5", "connections newly denied", "1 flow<")
                .containsSubsequence("3", "connections newly allowed", "2 flows")
                .contains("Thin history: only 3 flows in this window.")
                .contains("One observed flow could not be placed on the current cluster and was left out:")
                .contains("<svg", "class=\"bar-denied\"", "class=\"bar-allowed\"", "width=\"100\"", "width=\"40\"")
                .containsSubsequence(
                        "checkout/web-6c7d8e9f1-*", "payments/api-7d9f8c6b5-*", "TCP 8080", "Allow", "Deny", "5")
                .contains("<details>")
                // the explanation reads as steps, one list item each
                .contains("<li>After: denied — Ingress to payments/api-7d9f8c6b5-abcde: denied at the end of tier"
                        + " default: policy payments/allow-web applies to the pod but none of its ingress rules"
                        + " matched, and the tier&#39;s default action is Deny</li>")
                .contains("id=\"preview-progress\"", "htmx-indicator")
                .doesNotContain("style=");
    }

    @Test
    void withHtmxOnlyTheReportFragmentComesBack() throws Exception {
        mvc.perform(get(PAGE).param("window", "H1").header("HX-Request", "true").with(Users.ALICE.session()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"preview-report\""),
                                containsString("connections newly denied"),
                                not(containsString("<html")),
                                not(containsString("<h1")))));
    }

    @Test
    void anEmptyWindowIsSaidPlainly() throws Exception {
        mvc.perform(get(PAGE)
                        .param("from", "2026-01-01T10:00")
                        .param("to", "2026-01-01T11:00")
                        .with(Users.ALICE.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("No flows were observed in this window")));
    }

    @Test
    void aBadWindowIsNamedInTheForm() throws Exception {
        mvc.perform(get(PAGE).param("from", "yesterday").with(Users.ALICE.session()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("From: expected a time such as 2026-11-26T14:00")));
        mvc.perform(get(PAGE)
                        .param("from", "yesterday")
                        .header("HX-Request", "true")
                        .with(Users.ALICE.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("From: expected a time such as 2026-11-26T14:00")));
    }

    @Test
    void viewersPreviewNamespacedAndGlobalPoliciesAsTheyReadThem() throws Exception {
        mvc.perform(get(PAGE).param("window", "H1").with(Users.VIEWER.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("payments/allow-web")));
        mvc.perform(post("/api/v1/global-policies/quarantine-catalog/preview").with(Users.VIEWER.token()))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/namespaces/payments/policies/nothing-here/preview")
                        .with(Users.VIEWER.token()))
                .andExpect(status().isNotFound());
    }

    @Test
    void anAdminPreviewsAGlobalPolicyAcrossEveryNamespace() throws Exception {
        mvc.perform(get("/global-policies/quarantine-catalog/preview")
                        .param("window", "H1")
                        .with(Users.SECURITY.session()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("catalog/search-*"),
                                containsString("denied by tier security, policy quarantine-catalog, egress rule 1"
                                        + " — owned by tierdeck-security-admins"))));
    }

    @Test
    void otherTeamsAndUnknownDraftsAreRefusedAndViewersPreviewWhatTheyRead() throws Exception {
        mvc.perform(get(PAGE).with(Users.BOB.session())).andExpect(status().isForbidden());
        // viewers read every namespace's policies, so they preview them too (and change nothing)
        mvc.perform(get(PAGE).with(Users.VIEWER.session())).andExpect(status().isOk());
        mvc.perform(get(PAGE).header("HX-Request", "true").with(Users.BOB.session()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/global-policies/quarantine-catalog/preview").with(Users.ALICE.session()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/namespaces/payments/policies/nothing-here/preview").with(Users.ALICE.session()))
                .andExpect(status().isNotFound());
        // refused before the lookup: another team cannot learn which drafts exist
        mvc.perform(get("/namespaces/payments/policies/nothing-here/preview").with(Users.BOB.session()))
                .andExpect(status().isForbidden());
    }

    @Test
    void theApiAnswersWithTheCountsAndTheChanges() throws Exception {
        Instant now = Instant.now();
        mvc.perform(post(API)
                        .param("from", now.minus(1, ChronoUnit.HOURS).toString())
                        .param("to", now.toString())
                        .with(Users.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.flows").value(3))
                .andExpect(jsonPath("$.newlyDenied").value(5))
                .andExpect(jsonPath("$.newlyAllowed").value(3))
                .andExpect(jsonPath("$.changes.length()").value(3))
                .andExpect(jsonPath("$.changes[0].source").value("checkout/web-6c7d8e9f1-*"))
                .andExpect(jsonPath("$.changes[0].destination").value("payments/api-7d9f8c6b5-*"))
                .andExpect(jsonPath("$.changes[0].protocol").value("TCP"))
                .andExpect(jsonPath("$.changes[0].port").value(8080))
                .andExpect(jsonPath("$.changes[0].before").value("Allow"))
                .andExpect(jsonPath("$.changes[0].after").value("Deny"))
                .andExpect(jsonPath("$.changes[0].count").value(5))
                .andExpect(jsonPath("$.changes[0].explanation").value(containsString("After: denied")));
    }

    @Test
    void theApiRefusesWithAProblemDocument() throws Exception {
        mvc.perform(post(API).with(Users.BOB.token()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail")
                        .value("The namespace payments belongs to team payments, not to one of your teams."));
        mvc.perform(post("/api/v1/global-policies/quarantine-catalog/preview").with(Users.ALICE.token()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/namespaces/payments/policies/nothing-here/preview")
                        .with(Users.ALICE.token()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("There is no saved draft of the policy payments/nothing-here."));
        mvc.perform(post(API)
                        .param("from", "2026-11-26T12:00")
                        .param("to", "2026-11-26T11:00")
                        .with(Users.ALICE.token()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("From must be before To")));
        mvc.perform(post(API)
                        .param("from", "2026-10-01T00:00")
                        .param("to", "2026-11-26T00:00")
                        .with(Users.ALICE.token()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("at most 14 days")));
    }

    @Test
    void aBrowserPostWithoutTheCsrfTokenIsRefused() throws Exception {
        mvc.perform(post(API).with(Users.ALICE.session())).andExpect(status().isForbidden());
        mvc.perform(post(API).with(Users.ALICE.session()).with(csrf())).andExpect(status().isOk());
    }
}
