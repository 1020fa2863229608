package dev.tierdeck.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.policy.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@AssertionPortalTest
class AssertionApiTest {

    static final String API = "/api/v1/assertions";

    /** Issue 11: the sandbox debug shell reaches payments-worker through the namespace profile. */
    static final String SANDBOX_NEVER_PCI = """
            {"name": "sandbox-never-reaches-pci",
             "source": {"namespaceSelector": "projectcalico.org/name == 'sandbox'"},
             "destination": {"selector": "pci == 'true'"},
             "expect": "deny"}""";

    static final String CHECKOUT_REACHES_PAYMENTS = """
            {"namespace": "payments", "name": "checkout-reaches-payments-api",
             "source": {"namespaceSelector": "projectcalico.org/name == 'checkout'", "selector": "app == 'checkout-frontend'"},
             "destination": {"namespaceSelector": "projectcalico.org/name == 'payments'", "selector": "app == 'payments-api'"},
             "ports": [8080], "expect": "allow"}""";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Assertions assertions;

    @BeforeEach
    void empty() {
        jdbc.sql("delete from connectivity_assertion").update();
    }

    private JsonNode json(String body) {
        return JsonMapper.builder().build().readTree(body);
    }

    private long create(RequestPostProcessor who, String body) throws Exception {
        String answer = mvc.perform(post(API)
                        .with(who)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return json(answer).get("id").longValue();
    }

    private long rows() {
        return jdbc.sql("select count(*) from connectivity_assertion")
                .query(Long.class)
                .single();
    }

    private long audits(String action) {
        return jdbc.sql("select count(*) from audit_record where action = :a")
                .param("a", action)
                .query(Long.class)
                .single();
    }

    @Test
    void anAdminStatesAGlobalAssertionThatReadsBackAsWrittenAndIsAudited() throws Exception {
        long before = audits("assertion.created");
        long id = create(TestUsers.ADMIN.token(), SANDBOX_NEVER_PCI);

        mvc.perform(get(API + "/" + id).with(TestUsers.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scope").value("global"))
                .andExpect(jsonPath("$.namespace").doesNotExist())
                .andExpect(jsonPath("$.name").value("sandbox-never-reaches-pci"))
                .andExpect(jsonPath("$.source.namespaceSelector").value("projectcalico.org/name == 'sandbox'"))
                .andExpect(jsonPath("$.destination.selector").value("pci == 'true'"))
                .andExpect(jsonPath("$.expect").value("deny"))
                .andExpect(jsonPath("$.revision").value(1));
        assertThat(audits("assertion.created")).isEqualTo(before + 1);
        assertThat(jdbc.sql("select after_yaml from audit_record where action = 'assertion.created' order by id desc"
                                + " limit 1")
                        .query(String.class)
                        .single())
                .contains("pci == 'true'");
    }

    @Test
    void theViolationsOfTheClusterAsItIsComeWithAnExampleAndItsTrace() throws Exception {
        create(TestUsers.ADMIN.token(), SANDBOX_NEVER_PCI);

        mvc.perform(get(API + "/violations").with(TestUsers.ADMIN.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.checked").value(1))
                .andExpect(jsonPath("$.violated[0].name").value("sandbox-never-reaches-pci"))
                .andExpect(jsonPath("$.violated[0].example.shown").value(true))
                .andExpect(jsonPath("$.violated[0].example.connection")
                        .value(org.hamcrest.Matchers.startsWith("sandbox/")))
                .andExpect(jsonPath("$.violated[0].example.connection")
                        .value(org.hamcrest.Matchers.containsString("→ payments/")))
                .andExpect(jsonPath("$.violated[0].example.verdict").value("allowed"))
                .andExpect(jsonPath("$.violated[0].example.trace").value(org.hamcrest.Matchers.startsWith("allowed")));
        // bob's namespaces are neither end: he learns that it is violated, not where
        mvc.perform(get(API + "/violations").with(TestUsers.BOB.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.violated[0].name").value("sandbox-never-reaches-pci"))
                .andExpect(jsonPath("$.violated[0].example.shown").value(false))
                .andExpect(jsonPath("$.violated[0].example.connection").doesNotExist());
    }

    @Test
    void aTeamStatesAssertionsForItsNamespacesOnlyAndOtherTeamsCannotSeeThem() throws Exception {
        long id = create(TestUsers.ALICE.token(), CHECKOUT_REACHES_PAYMENTS);

        mvc.perform(get(API + "/" + id).with(TestUsers.BOB.token())).andExpect(status().isForbidden());
        mvc.perform(get(API).with(TestUsers.BOB.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
        mvc.perform(put(API + "/" + id)
                        .with(TestUsers.BOB.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(CHECKOUT_REACHES_PAYMENTS))
                .andExpect(status().isForbidden());
        mvc.perform(delete(API + "/" + id).with(TestUsers.BOB.token())).andExpect(status().isForbidden());
        mvc.perform(get(API + "/" + id).with(TestUsers.VIEWER.token())).andExpect(status().isOk());
        mvc.perform(delete(API + "/" + id).with(TestUsers.VIEWER.token())).andExpect(status().isForbidden());
        mvc.perform(post(API)
                        .with(TestUsers.VIEWER.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(SANDBOX_NEVER_PCI))
                .andExpect(status().isForbidden());
        // a developer never states a global assertion, nor one for another team's namespace
        mvc.perform(post(API)
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(SANDBOX_NEVER_PCI))
                .andExpect(status().isForbidden());
        mvc.perform(post(API)
                        .with(TestUsers.BOB.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(CHECKOUT_REACHES_PAYMENTS))
                .andExpect(status().isForbidden());
        assertThat(rows()).isEqualTo(1);
        mvc.perform(get(API).with(TestUsers.ALICE.token()))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].scope").value("payments"));
    }

    @Test
    void aNamespacesAssertionMustKeepOneSideWithinTheTeamsNamespaces() throws Exception {
        mvc.perform(post(API)
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"namespace": "payments", "name": "anything-to-anything",
                                 "source": {"selector": "all()"}, "destination": {"nets": ["0.0.0.0/0"]},
                                 "expect": "deny"}"""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[0].field").value("namespace"));
        // naming catalog as well as payments reaches beyond alice's namespaces
        mvc.perform(post(API)
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"namespace": "payments", "name": "two-teams",
                                 "source": {"namespaceSelector": "projectcalico.org/name in {'payments', 'catalog'}"},
                                 "destination": {"nets": ["0.0.0.0/0"]}, "expect": "deny"}"""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[0].field").value("namespace"));
        assertThat(rows()).isZero();
    }

    @Test
    void badInputIsA422NamingTheFieldAndNothingIsStored() throws Exception {
        long audited = audits("assertion.created");
        mvc.perform(post(API)
                        .with(TestUsers.ADMIN.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "broken", "source": {"selector": "app == "},
                                 "destination": {"selector": "all()"}, "expect": "maybe", "colour": "red"}"""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[?(@.field == 'source.selector')]").exists())
                .andExpect(jsonPath("$.fields[?(@.field == 'expect')]").exists())
                .andExpect(jsonPath("$.fields[?(@.field == 'colour')]").exists());
        mvc.perform(post(API)
                        .with(TestUsers.ADMIN.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("The body is not JSON")));
        mvc.perform(post(API)
                        .with(TestUsers.ADMIN.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(SANDBOX_NEVER_PCI.replace("\"name\"", "\"namespace\": \"Not A Name\", \"name\"")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[0].field").value("namespace"));
        create(TestUsers.ADMIN.token(), SANDBOX_NEVER_PCI);
        mvc.perform(post(API)
                        .with(TestUsers.ADMIN.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(SANDBOX_NEVER_PCI))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[0].field").value("name"));
        assertThat(rows()).isEqualTo(1);
        assertThat(audits("assertion.created")).isEqualTo(audited + 1);
    }

    @Test
    void changesNeedTheRevisionReadAndKeepTheScope() throws Exception {
        long id = create(TestUsers.ALICE.token(), CHECKOUT_REACHES_PAYMENTS);
        String changed = CHECKOUT_REACHES_PAYMENTS.replace("[8080]", "[8080, 8443]");

        mvc.perform(put(API + "/" + id)
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(changed.replace("\"name\"", "\"revision\": 7, \"name\"")))
                .andExpect(status().isConflict());
        mvc.perform(put(API + "/" + id)
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(changed.replace("\"payments\", \"name\"", "\"checkout\", \"name\"")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[0].field").value("namespace"));
        mvc.perform(put(API + "/" + id)
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(changed.replace("\"name\"", "\"revision\": 1, \"name\"")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.revision").value(2))
                .andExpect(jsonPath("$.ports[1]").value(8443));
        mvc.perform(delete(API + "/" + id).with(TestUsers.ALICE.token())).andExpect(status().isNoContent());
        mvc.perform(get(API + "/" + id).with(TestUsers.ALICE.token())).andExpect(status().isNotFound());
        assertThat(audits("assertion.deleted")).isPositive();
    }

    @Test
    void theCommandLinesFileReplacesAScopeAndProblemsNameTheLine() throws Exception {
        String file = """
                - name: sandbox-never-reaches-pci
                  source: {namespaceSelector: "projectcalico.org/name == 'sandbox'"}
                  destination: {selector: "pci == 'true'"}
                  expect: deny
                - name: checkout-reaches-db
                  source: {namespaceSelector: "projectcalico.org/name == 'checkout'"}
                  destination: {namespaceSelector: "projectcalico.org/name == 'db'"}
                  ports: [6379]
                  expect: allow
                """;
        mvc.perform(put(API).with(TestUsers.ADMIN.token())
                        .contentType("application/yaml")
                        .content(file))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.added").value(2));
        mvc.perform(put(API).with(TestUsers.ADMIN.token())
                        .contentType("application/yaml")
                        .content(file.replace("ports: [6379]", "ports: [6379, 'not a port!']")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[0].field").value("[1].ports[1]"))
                .andExpect(jsonPath("$.fields[0].line").value(5));
        String fewer = file.substring(0, file.indexOf("- name: checkout"));
        mvc.perform(put(API).with(TestUsers.ADMIN.token())
                        .contentType("application/yaml")
                        .content(fewer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.removed").value(1))
                .andExpect(jsonPath("$.unchanged").value(1));
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void aChangeWhoseAuditRecordFailsIsNotStored() {
        jdbc.sql("""
                        create or replace function assertion_test_refuse_audit() returns trigger language plpgsql as $$
                        begin raise exception 'audit refused for the test'; end $$""").update();
        jdbc.sql("""
                        create trigger assertion_test_refuse_audit before insert on audit_record for each row
                        when (new.target_name = 'audit-refused') execute function assertion_test_refuse_audit()""").update();
        try {
            AssertionInput.Read read = AssertionInput.one(
                    json(SANDBOX_NEVER_PCI.replace("sandbox-never-reaches-pci", "audit-refused")), 16384);
            assertThatThrownBy(() -> assertions.create(TestUsers.ADMIN.user(), null, read))
                    .hasStackTraceContaining("audit refused for the test");
            assertThat(rows()).isZero();
        } finally {
            jdbc.sql("drop trigger assertion_test_refuse_audit on audit_record").update();
        }
    }

    @Test
    void locationHeaderNamesTheNewAssertion() throws Exception {
        mvc.perform(post(API)
                        .with(TestUsers.ADMIN.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(SANDBOX_NEVER_PCI))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith(API + "/")));
    }

    @Test
    void theOpenApiDescriptionHasTheRoutes() throws Exception {
        String doc = mvc.perform(get("/v3/api-docs").with(TestUsers.ADMIN.session()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(doc)
                .contains("/api/v1/assertions/violations")
                .contains("/api/v1/assertions/{id}")
                .contains("Make one scope hold exactly the assertions of a file")
                .contains("The assertions the cluster as it is violates");
    }
}
