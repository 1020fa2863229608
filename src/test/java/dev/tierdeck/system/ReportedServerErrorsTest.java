package dev.tierdeck.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.policy.DeveloperLoopTest;
import dev.tierdeck.policy.TestUsers;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Each request the outside review answered with a 500, answered now with a clear 4xx naming what is wrong, and
 * nothing stored.
 */
@DeveloperLoopTest
class ReportedServerErrorsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSelectorOfTenThousandParenthesesInTheEditorIsAFieldMessage() throws Exception {
        mvc.perform(editor().param("selector.mode", "expression").param("selector.expression", "(".repeat(10_000)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Calico takes at most 1024")));
        String nested = "(".repeat(500) + "a == 'b'" + ")".repeat(500);
        mvc.perform(editor().param("selector.mode", "expression").param("selector.expression", nested))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("nested more than 64 deep")));
    }

    @Test
    void explainWithAPortBeyondALongIsABadRequest() throws Exception {
        mvc.perform(post("/api/v1/explain")
                        .with(TestUsers.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"id": "f", "source": {"ip": "10.0.0.1"}, "destination": {"ip": "10.0.0.2"},
                                 "protocol": "TCP", "port": 9223372036854775808}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("port")));
    }

    @Test
    void aFlowCounterOf2Pow70IsAProblemAtItsLine() throws Exception {
        mvc.perform(post("/api/v1/flows/import")
                        .with(TestUsers.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(whisker("\"packets_in\": 1180591620717411303424")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0]").value(containsString("packets_in")));
    }

    @Test
    void flowsDatedFarInTheFutureOrLongAgoAreRefused() throws Exception {
        long buckets =
                jdbc.sql("select count(*) from flow_bucket").query(Long.class).single();
        mvc.perform(post("/api/v1/flows/import")
                        .with(TestUsers.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(whisker("\"packets_in\": 1").replace(recent(), "9999-12-31T00:00:00Z")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0]").value(containsString("in the future")));
        mvc.perform(post("/api/v1/flows/import")
                        .with(TestUsers.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(whisker("\"packets_in\": 1").replace(recent(), "1970-01-01T00:00:00Z")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0]").value(containsString("before 2000-01-01")));
        assertThat(jdbc.sql("select count(*) from flow_bucket")
                        .query(Long.class)
                        .single())
                .isEqualTo(buckets);
    }

    @Test
    void anImportIsAuditedWithWhoHowManyWhereFromAndTheWindow() throws Exception {
        mvc.perform(post("/api/v1/flows/import")
                        .with(TestUsers.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(whisker("\"packets_in\": 3")))
                .andExpect(status().isOk());

        assertThat(jdbc.sql("select actor_display_name || ' | ' || target_name || ' | ' || reason from audit_record"
                                + " where action = 'flow.imported' order by id desc limit 1")
                        .query(String.class)
                        .single())
                .contains("Ada Admin")
                .contains("API request body")
                .contains("1 flow (1 stored")
                .contains("observed " + recent());
    }

    @Test
    void nulsInTheReportedFieldsAreRefusedNamingTheField() throws Exception {
        mvc.perform(post("/api/v1/teams")
                        .with(TestUsers.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"nul-team\", \"description\": \"a\\u0000b\", \"groups\": [\"team-x\"]}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[0].field").value("description"));
        mvc.perform(post("/api/v1/teams")
                        .with(TestUsers.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"nul-team\", \"groups\": [\"team-\\u0000x\"]}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[0].field").value("groups[0]"));
        mvc.perform(
                        post("/api/v1/teams")
                                .with(TestUsers.ADMIN.token())
                                .with(csrf())
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"name\": \"nul-team\", \"groups\": [\"team-x\"], \"approverGroups\": [\"a\\u0000b\"]}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[0].field").value("approverGroups[0]"));
        mvc.perform(put("/api/v1/guardrails")
                        .with(TestUsers.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"comment\": \"a\\u0000b\"}"))
                .andExpect(status().is4xxClientError());
        mvc.perform(get("/api/v1/audit").param("user", "a\u0000b").with(TestUsers.ADMIN.token()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("'user'")));
        mvc.perform(get("/admin/audit")
                        .param("user", "a\u0000b")
                        .accept(MediaType.TEXT_HTML)
                        .with(TestUsers.ADMIN.session()))
                .andExpect(status().isBadRequest());
        assertThat(jdbc.sql("select count(*) from team where name = 'nul-team'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aTeamCommentLongerThanTheAuditTrailKeepsIsAFieldProblem() throws Exception {
        mvc.perform(post("/api/v1/teams")
                        .with(TestUsers.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"long-comment\", \"groups\": [\"team-x\"], \"comment\": \""
                                + "x".repeat(4_001) + "\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[0].field").value("comment"));
        assertThat(jdbc.sql("select count(*) from team where name = 'long-comment'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aPolicyNameHoldingATemplateVariableRedirectsWithoutExpandingIt() throws Exception {
        // as a browser sends it: the server decodes %7Bx%7D into the name {x}
        mvc.perform(post(URI.create("/namespaces/catalog/policies/%7Bx%7D/stage"))
                        .with(TestUsers.BOB.session())
                        .with(csrf()))
                .andExpect(
                        result -> assertThat(result.getResponse().getStatus()).isLessThan(500));
        mvc.perform(post(URI.create("/namespaces/catalog/policies/%C3%BC%7Bnamespace%7D/delete"))
                        .with(TestUsers.BOB.session())
                        .with(csrf()))
                .andExpect(
                        result -> assertThat(result.getResponse().getStatus()).isLessThan(500))
                .andExpect(
                        result -> assertThat(String.valueOf(result.getResponse().getRedirectedUrl()))
                                .doesNotContain("ü")
                                .doesNotContain("{"));
    }

    @Test
    void theErrorPageAskedForDirectlyIsNotFound() throws Exception {
        mvc.perform(get("/error").with(TestUsers.BOB.session())).andExpect(status().isNotFound());
        mvc.perform(get("/error")).andExpect(status().isNotFound());
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder editor() {
        return post("/namespaces/catalog/policies/new")
                .with(TestUsers.BOB.session())
                .with(csrf())
                .param("_action", "validate")
                .param("name", "deep");
    }

    private static String recent() {
        return Instant.now()
                .minus(1, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
    }

    private static String whisker(String counter) {
        return """
                {"items": [{"start_time": "%s", "end_time": "%s", "action": "Allow",
                  "source_name": "web-*", "source_namespace": "catalog", "dest_name": "api-*",
                  "dest_namespace": "catalog", "protocol": "tcp", "dest_port": 8080, "reporter": "Dst", %s}]}""".formatted(recent(), recent(), counter);
    }
}
