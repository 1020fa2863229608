package dev.tierdeck.policy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.policy.DeveloperLoopTest;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.TestUsers;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The review's stored denial of service, over HTTP: a policy whose strings look like numbers is saved, and every page
 * and route that lists or reads it keeps answering; a row that does not decode is shown as damaged and can be deleted.
 */
@DeveloperLoopTest
class StoredPoliciesOverHttpTest {

    private static final String LIST = "/api/v1/namespaces/catalog/policies";

    @Autowired
    MockMvc mvc;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void forget() {
        jdbc.sql("delete from policy_draft where namespace = 'catalog'").update();
        jdbc.sql("delete from approval_request where namespace = 'catalog'").update();
    }

    @Test
    void aLabelValueThatLooksLikeANumberIsSavedAndEveryRouteKeepsAnswering() throws Exception {
        save("x", "metadata: {name: x, labels: {\"version\": \"2\"}}", "");

        everyRouteAnswers("x");
        mvc.perform(get(LIST + "/x").with(TestUsers.BOB.token()))
                .andExpect(jsonPath("$.yaml").value(containsString("version: \"2\"")));
        mvc.perform(delete(LIST + "/x").with(TestUsers.BOB.token()).with(csrf()))
                .andExpect(status().isNoContent());
        assertThat(drafts.find(PolicyRef.namespaced("catalog", "x"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "a policy named 443|443|metadata: {name: '443'}|",
                "an http method 1|m|metadata: {name: m}|http: {methods: ['1']}, source: {selector: \"app == 'web'\"}",
                "a service account 123|sa|metadata: {name: sa}|source: {serviceAccounts: {names: ['123']}}",
                "a service 123|svc|metadata: {name: svc}|source: {services: {name: '123', namespace: '456'}}",
                "a label value 1e3|e|metadata: {name: e, labels: {v: '1e3'}}|",
                "a label value 0x1F|h|metadata: {name: h, labels: {v: '0x1F'}}|",
                "a label value true|t|metadata: {name: t, labels: {v: 'true'}}|",
                "a label value null|n|metadata: {name: n, labels: {v: 'null'}}|",
                "a selector value .inf|s|metadata: {name: s}|source: {selector: \"app == '.inf'\"}",
            })
    void numberBooleanAndNullLikeStringsAreSavedAndReadBack(String what, String name, String metadata, String rule)
            throws Exception {
        save(name, metadata, rule == null ? "" : rule);

        everyRouteAnswers(name);
        mvc.perform(delete(LIST + "/" + name).with(TestUsers.BOB.token()).with(csrf()))
                .andExpect(status().isNoContent());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"-1", ".inf", "~", "a b", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void labelValuesTheApiServerWouldRefuseAre422NamingTheLabel(String value) throws Exception {
        mvc.perform(put(LIST + "/bad")
                        .with(TestUsers.BOB.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"apiVersion": "projectcalico.org/v3", "kind": "NetworkPolicy",
                                 "metadata": {"name": "bad", "labels": {"version": "%s"}},
                                 "spec": {"selector": "app == 'web'"}}""".formatted(value)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("metadata.labels.version"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("not a valid label value")));
        assertThat(drafts.find(PolicyRef.namespaced("catalog", "bad"))).isEmpty();
    }

    @Test
    void aNameThatLooksLikeANumberSavedFromTheYamlEditorReadsBack() throws Exception {
        mvc.perform(post("/namespaces/catalog/policies/new")
                        .with(TestUsers.BOB.session())
                        .with(csrf())
                        .param("_action", "save")
                        .param("mode", "yaml")
                        .param("yaml", """
                                apiVersion: projectcalico.org/v3
                                kind: NetworkPolicy
                                metadata:
                                  name: "8080"
                                  namespace: catalog
                                spec:
                                  tier: default
                                  selector: app == 'web'
                                """))
                .andExpect(status().is3xxRedirection());

        everyRouteAnswers("8080");
        mvc.perform(get("/namespaces/catalog/policies/8080/edit").with(TestUsers.BOB.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name: &quot;8080&quot;")));
    }

    @Test
    void aRowThatDoesNotDecodeIsListedAsDamagedAndCanBeDeleted() throws Exception {
        jdbc.sql("""
                        insert into policy_draft (namespace, name, kind, tier, state, revision, policy_yaml, updated_by,
                            updated_at)
                        values ('catalog', 'broken', 'NetworkPolicy', 'default', 'DRAFT', 4, :yaml, 'bob', :at)""")
                .param("yaml", "apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: [\n")
                .param("at", Timestamp.from(Instant.now()))
                .update();

        mvc.perform(get(LIST).with(TestUsers.BOB.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].name").value("broken"))
                .andExpect(jsonPath("$[0].damaged").value(containsString("malformed YAML")))
                .andExpect(jsonPath("$[0].revision").value(4));
        mvc.perform(get("/api/v1/namespaces").with(TestUsers.ADMIN.token())).andExpect(status().isOk());
        mvc.perform(get("/api/v1/namespaces").with(TestUsers.VIEWER.token())).andExpect(status().isOk());
        mvc.perform(get("/namespaces").with(TestUsers.VIEWER.session())).andExpect(status().isOk());
        mvc.perform(get("/namespaces/catalog").with(TestUsers.BOB.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("cannot be read")))
                .andExpect(content().string(containsString("/namespaces/catalog/policies/broken/delete")));
        mvc.perform(get(LIST + "/broken").with(TestUsers.BOB.token()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("delete it")));
        mvc.perform(get("/namespaces/catalog/policies/broken").with(TestUsers.BOB.session()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(delete(LIST + "/broken").with(TestUsers.ALICE.token()).with(csrf()))
                .andExpect(status().isForbidden());

        mvc.perform(post("/namespaces/catalog/policies/broken/delete")
                        .with(TestUsers.BOB.session())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(jdbc.sql("select count(*) from policy_draft where name = 'broken'")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select reason from audit_record where target_name = 'broken' order by id desc limit 1")
                        .query(String.class)
                        .single())
                .contains("could not be read");
    }

    private void save(String name, String metadata, String rule) throws Exception {
        String ingress = rule.isEmpty() ? "" : "  ingress:\n  - {action: Allow, " + rule + "}\n";
        mvc.perform(put(LIST + "/" + name)
                        .with(TestUsers.BOB.token())
                        .with(csrf())
                        .contentType(MediaType.parseMediaType("application/yaml"))
                        .content("apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\n" + metadata
                                + "\nspec:\n  tier: default\n  selector: app == 'web'\n" + ingress))
                .andDo(r -> assertThat(r.getResponse().getStatus())
                        .as(r.getResponse().getContentAsString())
                        .isEqualTo(201));
    }

    private void everyRouteAnswers(String name) throws Exception {
        mvc.perform(get(LIST).with(TestUsers.BOB.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].name").value(hasItem(name)));
        mvc.perform(get(LIST + "/" + name).with(TestUsers.BOB.token())).andExpect(status().isOk());
        mvc.perform(get("/namespaces/catalog").with(TestUsers.BOB.session())).andExpect(status().isOk());
        mvc.perform(get("/namespaces/catalog/policies/" + name).with(TestUsers.BOB.session()))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/namespaces").with(TestUsers.ADMIN.token())).andExpect(status().isOk());
        mvc.perform(get("/api/v1/namespaces").with(TestUsers.VIEWER.token())).andExpect(status().isOk());
        mvc.perform(get("/namespaces").with(TestUsers.ADMIN.session())).andExpect(status().isOk());
    }
}
