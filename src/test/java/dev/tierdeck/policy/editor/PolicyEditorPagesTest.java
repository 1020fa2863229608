package dev.tierdeck.policy.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.PolicyKind;
import dev.tierdeck.policy.ChangeKind;
import dev.tierdeck.policy.DeveloperLoopTest;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyState;
import dev.tierdeck.policy.TestUsers;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@DeveloperLoopTest
class PolicyEditorPagesTest {

    private static final String NEW = "/namespaces/payments/policies/new";

    @Autowired
    MockMvc mvc;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void forgetEditorDrafts() {
        jdbc.sql("delete from policy_draft where name like 'editor-%'").update();
        jdbc.sql("delete from policy_draft where name like 'Not A Name'").update();
    }

    @Test
    void theNewPolicyPageOffersTemplatesAFormAndItsYaml() throws Exception {
        String page = page(get(NEW).with(TestUsers.ALICE.session()), 200);
        assertThat(page)
                .contains("<title>New policy in payments · Tierdeck</title>")
                .contains("Start from a template", "?template=allow-dns")
                .contains("id=\"form-fields\"", "Add ingress rule", "Add egress rule")
                .contains("kind: NetworkPolicy", "namespace: payments")
                // label suggestions come from the pods of alice's namespaces
                .contains("<option value=\"app\">", "<option value=\"api\">");
    }

    @Test
    void aTemplateFillsTheForm() throws Exception {
        String page = page(get(NEW + "?template=allow-dns").with(TestUsers.ALICE.session()), 200);
        assertThat(page)
                .contains("value=\"allow-dns\"", "value=\"kube-system\"", "value=\"k8s-app\"", "value=\"kube-dns\"")
                .contains("protocol: UDP", "protocol: TCP", "projectcalico.org/name == &quot;kube-system&quot;");

        page(get(NEW + "?template=nonsense").with(TestUsers.ALICE.session()), 404);
    }

    @Test
    void withoutJavaScriptAddingARuleReRendersThePageWithWhatWasTyped() throws Exception {
        String page = page(
                form(NEW, TestUsers.ALICE, "add-ingress")
                        .param("name", "editor-typed")
                        .param("order", "5"),
                200);
        assertThat(page)
                .contains("<html", "value=\"editor-typed\"", "value=\"5\"", "Ingress rule 1")
                .contains("name=\"ingress[0].action\"");
    }

    @Test
    void withHtmxAddingARuleAnswersWithTheRulesAndTheYaml() throws Exception {
        String fragment = page(
                form(NEW, TestUsers.ALICE, "add-egress")
                        .header("HX-Request", "true")
                        .param("name", "editor-x"),
                200);
        assertThat(fragment)
                .doesNotContain("<html")
                .contains("id=\"rules\"", "Egress rule 1")
                .contains("id=\"policy-yaml\"", "hx-swap-oob=\"true\"", "egress:");
    }

    @Test
    void aNewRuleStartsWithThePodsOfThisNamespaceNotAnywhere() throws Exception {
        String page = page(form(NEW, TestUsers.ALICE, "add-ingress").param("name", "editor-narrow"), 200);
        assertThat(page)
                .containsPattern("<option value=\"pods\" selected=\"selected\">From pods in this namespace</option>")
                .contains("selector: all()")
                .doesNotContain("field-warning", "field-error");
    }

    @Test
    void aBlankNewPolicySaysNothingAboutItsFieldsBeforeAnythingIsTyped() throws Exception {
        assertThat(page(get("/global-policies/new").with(TestUsers.ADMIN.session()), 200))
                .doesNotContain("field-error", "is required");
        assertThat(page(get(NEW).with(TestUsers.ALICE.session()), 200)).doesNotContain("field-error", "is required");
    }

    @Test
    void rulesMoveAndGo() throws Exception {
        MockHttpServletRequestBuilder twoRules = form(NEW, TestUsers.ALICE, "up:ingress:1")
                .param("name", "editor-order")
                .param("ingress[0].action", "Deny")
                .param("ingress[1].action", "Allow");
        String moved = page(twoRules, 200);
        assertThat(moved.indexOf("action: Allow")).isLessThan(moved.indexOf("action: Deny"));

        String removed = page(
                form(NEW, TestUsers.ALICE, "remove:ingress:0")
                        .param("name", "editor-order")
                        .param("ingress[0].action", "Deny")
                        .param("ingress[1].action", "Pass"),
                200);
        assertThat(removed).contains("action: Pass").doesNotContain("action: Deny");
    }

    @Test
    void selectorRowsAreAddedAndRemovedOnTheServer() throws Exception {
        String added =
                page(form(NEW, TestUsers.ALICE, "add-row:ingress:0:pods").param("ingress[0].peer.kind", "pods"), 200);
        assertThat(added).contains("name=\"ingress[0].peer.pods.rows[0].key\"");

        String removed = page(
                form(NEW, TestUsers.ALICE, "remove-row:selector:0")
                        .param("selector.rows[0].key", "app")
                        .param("selector.rows[0].values", "debug")
                        .param("selector.rows[1].key", "app")
                        .param("selector.rows[1].operator", "!=")
                        .param("selector.rows[1].values", "db"),
                200);
        assertThat(removed).contains("selector: app != &quot;db&quot;").doesNotContain("debug&quot;");
        // switching to an expression starts from what the rows say
        assertThat(removed).contains("name=\"selector.expression\" value=\"app != &quot;db&quot;\"");
    }

    @Test
    void theYamlFillsTheForm() throws Exception {
        String yaml = "apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: editor-yaml\n"
                + "spec:\n  selector: app == \"api\"\n  ingress:\n  - action: Allow\n    protocol: TCP\n"
                + "    source:\n      selector: app == \"web\"\n    destination:\n      ports: [8080, http]\n";
        String page = page(form(NEW, TestUsers.ALICE, "yaml-to-form").param("yaml", yaml), 200);
        assertThat(page)
                .contains("value=\"editor-yaml\"", "value=\"8080, http\"", "value=\"web\"")
                .contains("namespace: payments");

        String fragment = page(
                form(NEW, TestUsers.ALICE, "yaml-to-form")
                        .header("HX-Request", "true")
                        .param("yaml", yaml.replace("8080, http", "8080, 99999")),
                200);
        assertThat(fragment)
                .doesNotContain("<html")
                .contains("id=\"policy-form\"")
                .contains("Line 13: spec.ingress[0].destination.ports[1]: Port 99999 is out of range 1-65535.")
                .contains("99999");
    }

    @Test
    void aPolicyTheFormCannotShowStaysInYamlWithTheReason() throws Exception {
        String yaml = "apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: editor-http\n"
                + "spec:\n  ingress:\n  - action: Allow\n    protocol: TCP\n    http:\n      methods: [GET]\n";
        String page = page(form(NEW, TestUsers.ALICE, "yaml-to-form").param("yaml", yaml), 200);
        assertThat(page)
                .contains("The ingress rule 1 matches HTTP methods or paths (http).")
                .contains("name=\"mode\" value=\"yaml\"")
                .doesNotContain("id=\"form-fields\"");
    }

    @Test
    void theLiveCheckAnswersWithYamlMessagesAndMatchingPods() throws Exception {
        String live = page(
                form(NEW, TestUsers.ALICE, "sync")
                        .header("HX-Request", "true")
                        .param("name", "editor-live")
                        .param("selector.rows[0].key", "app")
                        .param("selector.rows[0].values", "api")
                        .param("ingress[0].action", "Allow")
                        .param("ingress[0].protocol", "TCP")
                        .param("ingress[0].ports", "80, 70000")
                        .param("ingress[0].peer.kind", "cidrs")
                        .param("ingress[0].peer.nets", "10.0.0.0/33"),
                200);
        assertThat(live)
                .doesNotContain("<html")
                .contains("id=\"msg-ingress-0-ports\"", "Port 70000 is out of range 1-65535.")
                .contains("id=\"msg-ingress-0-peer\"", "&#39;10.0.0.0/33&#39; is not a valid CIDR.")
                .contains("Matches 2 pods", "api-7d9f8c6b5-p4m7z, api-7d9f8c6b5-x2k9q")
                .contains("selector: app == &quot;api&quot;");
    }

    @Test
    void aGuardrailOnAllTheEgressRulesIsShownAboveThemWhateverTheSplit() throws Exception {
        String live = page(
                form(NEW, TestUsers.ALICE, "sync")
                        .header("HX-Request", "true")
                        .param("name", "editor-halves")
                        .param("egress[0].action", "Allow")
                        .param("egress[0].peer.kind", "cidrs")
                        .param("egress[0].peer.nets", "0.0.0.0/1")
                        .param("egress[1].action", "Allow")
                        .param("egress[1].peer.kind", "cidrs")
                        .param("egress[1].peer.nets", "128.0.0.0/1"),
                200);
        assertThat(live)
                .containsPattern(
                        "id=\"msg-egress\"[^>]*>\\s*<p class=\"field-error\">Guardrail egress-cidrs: The egress"
                                + " rules reach every public IPv4 address");
    }

    @Test
    void eachPeerShowsThePodsItSelectsNamingOnlyThoseTheUserMaySee() throws Exception {
        String live = page(
                form(NEW, TestUsers.ALICE, "sync")
                        .header("HX-Request", "true")
                        .param("name", "editor-peers")
                        .param("ingress[0].action", "Allow")
                        .param("ingress[0].peer.kind", "pods")
                        .param("ingress[0].peer.pods.rows[0].key", "app")
                        .param("ingress[0].peer.pods.rows[0].values", "db")
                        .param("egress[0].action", "Allow")
                        .param("egress[0].peer.kind", "namespaces")
                        .param("egress[0].peer.namespaceNames", "catalog")
                        .param("egress[1].action", "Allow")
                        .param("egress[1].peer.kind", "cidrs")
                        .param("egress[1].peer.nets", "10.0.0.0/8"),
                200);
        assertThat(live)
                .containsPattern(
                        "id=\"matches-ingress-0\"[^>]*><strong>Matches 1 pod</strong><span>: payments/db-0</span>")
                .containsPattern("id=\"matches-egress-0\"[^>]*><strong>Matches 1 pod</strong></p>")
                .containsPattern("id=\"matches-egress-1\"[^>]*></p>");
    }

    @Test
    void inYamlOnlyModeTheLiveCheckLeavesTheTypedTextAlone() throws Exception {
        String yaml = "apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: editor-live\n"
                + "spec:\n  tier: nowhere\n";
        String live = page(
                form(NEW, TestUsers.ADMIN, "sync")
                        .header("HX-Request", "true")
                        .param("mode", "yaml")
                        .param("yaml", yaml),
                200);
        assertThat(live)
                .doesNotContain("id=\"policy-yaml\"")
                .contains("id=\"msg-yaml\"", "Line 6: spec.tier: The tier nowhere does not exist in the cluster.");
    }

    @Test
    void checkingShowsGovernanceMessagesAtTheirField() throws Exception {
        String page = page(
                form(NEW, TestUsers.ALICE, "validate")
                        .param("name", "editor-tier")
                        .param("tier", "platform"),
                200);
        assertThat(page)
                .containsPattern("id=\"msg-tier\"[^>]*>\\s*<p class=\"field-error\">The tier platform is locked");
    }

    @Test
    void savingAValidPolicyRedirectsToItsPage() throws Exception {
        mvc.perform(form(NEW, TestUsers.ALICE, "save")
                        .param("name", "editor-ok")
                        .param("tier", "default")
                        .param("types", "Ingress,Egress"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/namespaces/payments/policies/editor-ok"));
        CalicoPolicy saved = drafts.find(PolicyRef.namespaced("payments", "editor-ok"))
                .orElseThrow()
                .policy();
        assertThat(saved.types())
                .containsExactly(
                        dev.tierdeck.engine.model.PolicyType.Ingress, dev.tierdeck.engine.model.PolicyType.Egress);

        mvc.perform(form(NEW, TestUsers.ALICE, "save")
                        .header("HX-Request", "true")
                        .param("name", "editor-ok-too")
                        .param("tier", "default"))
                .andExpect(status().isNoContent())
                .andExpect(header().string("HX-Redirect", "/namespaces/payments/policies/editor-ok-too"));
    }

    @Test
    void anInvalidPolicyIsNotSavedAndKeepsWhatWasTyped() throws Exception {
        String page = page(
                form(NEW, TestUsers.ALICE, "save")
                        .param("name", "editor-bad")
                        .param("order", "soon")
                        .param("egress[0].action", "Allow")
                        .param("egress[0].peer.kind", "namespaces")
                        .param("egress[0].peer.namespaceNames", "db"),
                422);
        assertThat(page)
                .contains("value=\"soon\"", "value=\"db\"")
                .contains("The order must be a number, e.g. 100 or 250.5, not &#39;soon&#39;.");
        assertThat(drafts.find(PolicyRef.namespaced("payments", "editor-bad"))).isEmpty();

        String escaped = page(form(NEW, TestUsers.ALICE, "validate").param("name", "<script>alert(1)</script>"), 200);
        assertThat(escaped)
                .contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"")
                .doesNotContain("<script>alert(1)</script>");

        // a form with absurdly many rules is refused as bad input, not an error of the portal
        mvc.perform(form(NEW, TestUsers.ALICE, "validate").param("ingress[5000].action", "Allow"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aTakenNameIsNamedAtTheNameField() throws Exception {
        drafts.save(TestUsers.ALICE.user(), policy("editor-taken", "default"), null);
        String page = page(
                form(NEW, TestUsers.ALICE, "save").param("name", "editor-taken").param("tier", "default"), 409);
        assertThat(page)
                .containsPattern("id=\"msg-name\"[^>]*>\\s*<p class=\"field-error\">A policy named editor-taken already"
                        + " exists in payments; choose another name.");
    }

    @Test
    void theEditPageOpensAStoredDraftAndSavesItsRevision() throws Exception {
        long revision = drafts.save(TestUsers.ALICE.user(), policy("editor-edit", "default"), null)
                .revision();
        String edit = "/namespaces/payments/policies/editor-edit/edit";
        String page = page(get(edit).with(TestUsers.ALICE.session()), 200);
        assertThat(page)
                .contains("Policy payments/editor-edit", "readonly=\"readonly\"")
                .contains("name=\"revision\" value=\"" + revision + "\"");

        mvc.perform(form(edit, TestUsers.ALICE, "save")
                        .param("revision", Long.toString(revision))
                        .param("tier", "default")
                        .param("order", "42"))
                .andExpect(redirectedUrl("/namespaces/payments/policies/editor-edit"));
        assertThat(drafts.find(PolicyRef.namespaced("payments", "editor-edit"))
                        .orElseThrow()
                        .policy()
                        .order())
                .isEqualTo(42.0);

        page(
                form(edit, TestUsers.ALICE, "save")
                        .param("revision", Long.toString(revision))
                        .param("tier", "default")
                        .param("order", "43"),
                409);
        page(get("/namespaces/payments/policies/editor-missing/edit").with(TestUsers.ALICE.session()), 404);
    }

    @Test
    void anEnforcedPolicyTheTeamDoesNotManageYetOpensFromTheClusterAndSavingAdoptsIt() throws Exception {
        String edit = "/namespaces/payments/policies/legacy-api-ingress/edit";
        String page = page(get(edit).with(TestUsers.ALICE.session()), 200);
        assertThat(page)
                .contains("Policy payments/legacy-api-ingress", "name: legacy-api-ingress", "- 8080")
                .contains("id=\"adoption\"", "Why does Tierdeck take it over?")
                .doesNotContain("name=\"revision\" value=\"");
        page(get(edit).with(TestUsers.BOB.session()), 403);
        try {
            String refused = page(
                    form(edit, TestUsers.ALICE, "save")
                            .param("tier", "default")
                            .param("order", "100")
                            .param("selector.mode", "expression")
                            .param("selector.expression", "app == 'api'")
                            .param("types", "Ingress"),
                    422);
            assertThat(refused).containsPattern("id=\"msg-reason\"[^>]*>\\s*<p class=\"field-error\">Give a reason");
            assertThat(drafts.find(PolicyRef.namespaced("payments", "legacy-api-ingress")))
                    .isEmpty();
            mvc.perform(form(edit, TestUsers.ALICE, "save")
                            .param("tier", "default")
                            .param("order", "100")
                            .param("selector.mode", "expression")
                            .param("selector.expression", "app == 'api'")
                            .param("types", "Ingress")
                            .param("reason", "Payments maintains its api ingress here from now on."))
                    .andExpect(redirectedUrl("/namespaces/payments/policies/legacy-api-ingress"));
            assertThat(drafts.find(PolicyRef.namespaced("payments", "legacy-api-ingress")))
                    .hasValueSatisfying(draft -> {
                        assertThat(draft.state()).isEqualTo(PolicyState.DRAFT);
                        assertThat(draft.change()).isEqualTo(ChangeKind.ADOPTION);
                        assertThat(draft.reason()).isEqualTo("Payments maintains its api ingress here from now on.");
                    });
        } finally {
            jdbc.sql("delete from policy_draft where name = 'legacy-api-ingress'")
                    .update();
        }
    }

    @Test
    void adminsWriteGlobalPoliciesAndMayEditYamlOnly() throws Exception {
        String page = page(get("/global-policies/new").with(TestUsers.ADMIN.session()), 200);
        assertThat(page).contains("New global policy", "In namespaces with labels", "Edit as YAML only");

        String yamlOnly = page(
                form("/global-policies/new", TestUsers.ADMIN, "mode-yaml")
                        .param("name", "editor-global")
                        .param("tier", "platform"),
                200);
        assertThat(yamlOnly)
                .doesNotContain("id=\"form-fields\"")
                .contains("kind: GlobalNetworkPolicy", "Back to the form");

        String yaml = "apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: editor-global\n"
                + "spec:\n  tier: platform\n  order: 5\n  selector: has(app)\n";
        mvc.perform(form("/global-policies/new", TestUsers.ADMIN, "save")
                        .param("mode", "yaml")
                        .param("yaml", yaml))
                .andExpect(redirectedUrl("/global-policies/editor-global"));
        assertThat(drafts.find(PolicyRef.global("editor-global"))
                        .orElseThrow()
                        .policy()
                        .kind())
                .isEqualTo(PolicyKind.GlobalNetworkPolicy);
        page(get("/global-policies/editor-global/edit").with(TestUsers.ADMIN.session()), 200);

        String taken = page(
                form("/global-policies/new", TestUsers.ADMIN, "save")
                        .param("mode", "yaml")
                        .param("yaml", yaml),
                409);
        assertThat(taken)
                .containsPattern("id=\"msg-yaml\"[^>]*>\\s*<p class=\"field-error\">Line 4: metadata.name: A policy"
                        + " named editor-global already exists; choose another name.");
    }

    @Test
    void withHtmxThePagesAnswerWithTheirContentOrTheForm() throws Exception {
        String content = page(get(NEW).with(TestUsers.ALICE.session()).header("HX-Request", "true"), 200);
        assertThat(content).doesNotContain("<html").contains("id=\"policy-editor\"", "id=\"policy-form\"");

        String checked = page(
                form(NEW, TestUsers.ALICE, "validate")
                        .header("HX-Request", "true")
                        .param("name", "Not A Name"),
                200);
        assertThat(checked)
                .doesNotContain("<html")
                .startsWith("<form id=\"policy-form\"")
                .containsPattern("id=\"msg-name\"[^>]*>\\s*<p class=\"field-error\">&#39;Not A Name&#39; is not a"
                        + " valid NetworkPolicy name");
    }

    @Test
    void everyRouteRefusesAnotherTeamsNamespaceLockedTiersAndViewers() throws Exception {
        drafts.save(TestUsers.ALICE.user(), policy("editor-mine", "default"), null);
        drafts.save(TestUsers.SECURITY.user(), policy("editor-locked", "security"), null);
        String mine = "/namespaces/payments/policies/editor-mine/edit";
        String locked = "/namespaces/payments/policies/editor-locked/edit";
        for (TestUsers outsider : List.of(TestUsers.BOB, TestUsers.VIEWER)) {
            page(get(NEW).with(outsider.session()), 403);
            page(get(mine).with(outsider.session()), 403);
            for (String action : List.of("add-ingress", "sync", "yaml-to-form", "validate", "save")) {
                page(form(NEW, outsider, action).param("name", "editor-intruder"), 403);
                page(form(mine, outsider, action), 403);
            }
        }
        // a locked tier: only its owners, even for admins who do not own it
        page(get(locked).with(TestUsers.ADMIN.session()), 403);
        page(form(locked, TestUsers.ADMIN, "save").param("tier", "security"), 403);
        page(get(locked).with(TestUsers.ALICE.session()), 403);
        page(form(NEW, TestUsers.ALICE, "save").param("name", "editor-sneaky").param("tier", "security"), 403);
        // global policies: admins only
        page(get("/global-policies/new").with(TestUsers.ALICE.session()), 403);
        page(form("/global-policies/new", TestUsers.ALICE, "save").param("name", "editor-g"), 403);
        // and no post without the CSRF token
        mvc.perform(post(NEW).with(TestUsers.ALICE.session()).param("_action", "save"))
                .andExpect(status().isForbidden());

        assertThat(drafts.find(PolicyRef.namespaced("payments", "editor-sneaky")))
                .isEmpty();
        assertThat(drafts.find(PolicyRef.namespaced("payments", "editor-intruder")))
                .isEmpty();
        assertThat(drafts.find(PolicyRef.namespaced("payments", "editor-locked"))
                        .orElseThrow()
                        .updatedBy())
                .isEqualTo("security");
    }

    private MockHttpServletRequestBuilder form(String url, TestUsers user, String action) {
        return post(url).with(user.session()).with(csrf()).param("_action", action);
    }

    private String page(MockHttpServletRequestBuilder request, int status) throws Exception {
        return mvc.perform(request)
                .andExpect(status().is(status))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private static CalicoPolicy policy(String name, String tier) {
        return new CalicoPolicy(
                PolicyKind.NetworkPolicy,
                "payments",
                name,
                tier,
                10.0,
                "app == \"api\"",
                null,
                null,
                null,
                List.of(),
                List.of(),
                null,
                false,
                false,
                false);
    }
}
