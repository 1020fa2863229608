package dev.tierdeck.policy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowCounts;
import dev.tierdeck.flow.FlowEndpoint;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.flow.PolicyHit;
import dev.tierdeck.flow.PolicyHitKind;
import dev.tierdeck.flow.Reporter;
import dev.tierdeck.policy.DeveloperLoopTest;
import dev.tierdeck.policy.Policies;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
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
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@DeveloperLoopTest
class NamespacePagesTest {

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
        jdbc.sql("delete from policy_draft").update();
        jdbc.sql("delete from flow_bucket").update();
    }

    @Test
    void myNamespacesListsTheTeamsNamespacesWithCountsAndLinks() throws Exception {
        String page = page("/namespaces", TestUsers.ALICE.session());

        assertThat(page)
                .contains("<title>My namespaces · Tierdeck</title>")
                .contains("The namespaces your teams own")
                .contains("href=\"/namespaces/payments\"", "href=\"/namespaces/checkout\"")
                .doesNotContain("/namespaces/catalog")
                .containsSubsequence("payments", "<td>3</td>", "<td>4</td>");
        assertThat(page("/namespaces", TestUsers.VIEWER.session()))
                .contains("/namespaces/catalog", "/namespaces/kube-system", "read-only");
    }

    @Test
    void theNavigationLeadsToMyNamespaces() throws Exception {
        assertThat(page("/namespaces", TestUsers.BOB.session()))
                .containsSubsequence("My work", "href=\"/namespaces\"", "My namespaces");
    }

    @Test
    void showsWorkloadsGroupedByOwnerWithTheirLabels() throws Exception {
        String page = page("/namespaces/payments", TestUsers.ALICE.session());

        assertThat(page)
                .contains("<title>payments · Tierdeck</title>")
                .containsSubsequence(
                        "api", "Deployment", "2 pods", "api-7d9f8c6b5-p4m7z", "api-7d9f8c6b5-x2k9q", "app=api")
                .containsSubsequence("db", "StatefulSet", "1 pod", "db-0", "app=db")
                .containsSubsequence("debug", "Pod", "1 pod")
                .doesNotContain("pod-template-hash=");
    }

    @Test
    void showsTheStackInEvaluationOrderWithOwnersPurposeAndOnlyPermittedYaml() throws Exception {
        String page = page("/namespaces/payments", TestUsers.ALICE.session());

        assertThat(page)
                .containsSubsequence(
                        "1. security",
                        "locked",
                        "read-only",
                        "Organisation-wide security rules",
                        "tierdeck-security-admins",
                        "block-metadata",
                        "0 ingress, 2 egress",
                        "2. platform",
                        "confidential",
                        "Shared platform services",
                        "a policy of the owners of tier platform",
                        "3. kube-admin",
                        "4. default",
                        "developer tier",
                        "payments/legacy-api-ingress",
                        "1 ingress, 0 egress",
                        "5. kube-baseline")
                // developers read their namespace's and the global policies; a confidential tier's only admins, so
                // its policies are named by their tier's owners, without name, selector or YAML
                .contains("name: legacy-api-ingress")
                .contains("name: block-metadata")
                .doesNotContain("<code>allow-dns</code>", "name: allow-dns")
                .contains("its policies are\n        summarised")
                // the team's own unmanaged policy can be taken over in the editor; locked tiers' cannot
                .contains("href=\"/namespaces/payments/policies/legacy-api-ingress/edit\"")
                .doesNotContain("policies/block-metadata/edit");
        String admin = page("/namespaces/payments", TestUsers.ADMIN.session());
        assertThat(admin).contains("name: block-metadata").contains("name: allow-dns");
    }

    @Test
    void coverageNamesTheOpenWorkloadsAndTheTierThatCanDenyTheOthers() throws Exception {
        String page = page("/namespaces/payments", TestUsers.ALICE.session());

        assertThat(page.substring(page.indexOf("id=\"workloads\""), page.indexOf("id=\"coverage\"")))
                .containsSubsequence("api", "tier default", "tier security", "db", "open", "tier security");
        assertThat(page.substring(page.indexOf("id=\"coverage\"")))
                .containsSubsequence(
                        "Open to ingress",
                        "db",
                        "debug",
                        "Open to egress",
                        "none: a tier can deny traffic from every workload");
        // an open workload leads straight to a suggestion for the open direction; a viewer gets no such link
        assertThat(page).contains("href=\"/namespaces/payments/recommendation?workload=db&amp;directions=ingress\"");
        assertThat(page("/namespaces/payments", TestUsers.VIEWER.session())).doesNotContain("directions=ingress");
    }

    @Test
    void listsTheManagedPoliciesWithStateNoteAndLinks() throws Exception {
        drafts.save(TestUsers.ALICE.user(), Policies.allowApi("payments", "allow-web", 8080), null);
        PolicyRef ref = PolicyRef.namespaced("payments", "allow-web");
        drafts.markStaged(TestUsers.ALICE.user(), ref, 1, "3");
        drafts.markAwaitingApproval(TestUsers.ALICE.user(), ref, 2);
        drafts.markRejected(TestUsers.ADMIN.user(), ref, 3, 1, "Name the callers");

        assertThat(page("/namespaces/payments", TestUsers.ALICE.session()))
                .contains("href=\"/namespaces/payments/policies/allow-web\"")
                .containsSubsequence("allow-web", "default", "rejected", "Note: Name the callers", "never promoted")
                .contains("href=\"/namespaces/payments/policies/new\"")
                .contains("href=\"/namespaces/payments/policies/new?template=default-deny\"")
                .contains("template=allow-same-namespace", "template=allow-ingress-controller")
                .contains("template=allow-dns", "template=allow-database")
                // the same titles as the editor's own list of templates
                .contains(
                        ">Allow from the same namespace</a>",
                        ">Allow DNS egress</a>",
                        ">Allow to the database namespace</a>");
    }

    @Test
    void showsRecentDeniedFlowsWithWhatDeniedThem() throws Exception {
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS);
        flows.ingest(List.of(new FlowRecord(
                start,
                start.plusSeconds(15),
                FlowEndpoint.workload("catalog", "web-*", Map.of("app", "web")),
                FlowEndpoint.workload("payments", "api-7d9f8c6b5-*", Map.of("app", "api")),
                "TCP",
                8080,
                Reporter.Dst,
                FlowAction.Deny,
                List.of(new PolicyHit(
                        PolicyHitKind.EndOfTier, null, "default", "default", FlowAction.Deny, 0, -1, null)),
                List.of(),
                new FlowCounts(4, 0, 240, 0, 4, 0, 0))));

        assertThat(page("/namespaces/payments", TestUsers.ALICE.session()))
                .containsSubsequence(
                        "Denied flows, last 24 hours",
                        "catalog/web-*",
                        "payments/api-7d9f8c6b5-*",
                        "TCP/8080",
                        "4",
                        "end of tier default");
        assertThat(page("/namespaces/checkout", TestUsers.ALICE.session()))
                .contains("No denied flows to or from this namespace in the\n      last 24 hours.");
    }

    @Test
    void anotherTeamsNamespaceIsForbidden() throws Exception {
        mvc.perform(get("/namespaces/catalog").with(TestUsers.ALICE.session())).andExpect(status().isForbidden());
        mvc.perform(get("/namespaces/payments").with(TestUsers.BOB.session())).andExpect(status().isForbidden());
    }

    @Test
    void viewersReadEveryNamespaceButCannotStartAPolicy() throws Exception {
        assertThat(page("/namespaces/catalog", TestUsers.VIEWER.session()))
                .contains("Namespace <code>catalog</code>")
                .doesNotContain("/policies/new");
    }

    @Test
    void htmxGetsOnlyTheContent() throws Exception {
        String fragment = mvc.perform(get("/namespaces/payments")
                        .with(TestUsers.ALICE.session())
                        .header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(fragment)
                .startsWith("<div id=\"namespace\"")
                .doesNotContain("<title>")
                .contains("Workloads");
        String list = mvc.perform(
                        get("/namespaces").with(TestUsers.ALICE.session()).header("HX-Request", "true"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(list).startsWith("<div id=\"namespaces\"").doesNotContain("<html");
    }

    private String page(String path, RequestPostProcessor user) throws Exception {
        return mvc.perform(get(path).with(user))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
