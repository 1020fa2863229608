package dev.tierdeck.audit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.audit.Actor;
import dev.tierdeck.audit.AuditContextTest;
import dev.tierdeck.audit.AuditEntry;
import dev.tierdeck.audit.AuditLog;
import dev.tierdeck.audit.AuditQuery;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The audit API and screen with the portal's real security: admins only, for every route and verb. */
@AuditContextTest
class AuditApiSecurityTest {

    static final List<String> ROUTES = List.of(
            "/api/v1/audit",
            "/api/v1/audit/verify",
            "/api/v1/audit/export?format=csv",
            "/api/v1/audit/export?format=json",
            "/admin/audit",
            "/admin/audit/verify");

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditLog auditLog;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void aRecordExists() {
        auditLog.record(AuditEntry.builder(new Actor("http://localhost:9000", "admin", "Ada Admin"), "tier.created")
                .target("Tier", null, "security-" + System.nanoTime())
                .tier("security")
                .build());
    }

    static List<String> routes() {
        return ROUTES;
    }

    static List<RequestPostProcessor> nonAdmins() {
        return List.of(SignedIn.developer(), SignedIn.viewer(), SignedIn.nobody());
    }

    @ParameterizedTest
    @MethodSource("routes")
    void developersViewersAndUsersWithoutARoleAreRefusedAndNothingChanges(String route) throws Exception {
        String headBefore = chainHead();
        long countBefore = recordCount();

        for (RequestPostProcessor user : nonAdmins()) {
            mvc.perform(get(route).with(user)).andExpect(status().isForbidden());
            mvc.perform(get(route).with(user).header("HX-Request", "true")).andExpect(status().isForbidden());
            mvc.perform(post(route).with(user)).andExpect(status().isForbidden());
            mvc.perform(put(route).with(user)).andExpect(status().isForbidden());
            mvc.perform(delete(route).with(user)).andExpect(status().isForbidden());
        }

        assertThat(chainHead()).isEqualTo(headBefore);
        assertThat(recordCount()).isEqualTo(countBefore);
    }

    @ParameterizedTest
    @MethodSource("routes")
    void platformAndSecurityAdminsAreLetIn(String route) throws Exception {
        mvc.perform(get(route).with(SignedIn.platformAdmin())).andExpect(status().isOk());
        mvc.perform(get(route).with(SignedIn.securityAdmin())).andExpect(status().isOk());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/audit", "/api/v1/audit/verify", "/api/v1/audit/export"})
    void theApiAnswersAnonymousCallersWith401(String route) throws Exception {
        mvc.perform(get(route).accept(MediaType.APPLICATION_JSON)).andExpect(status().isUnauthorized());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/audit/verify"})
    void verifyAnswersInTheAgreedShape(String route) throws Exception {
        mvc.perform(get(route).with(SignedIn.securityAdmin()))
                .andExpect(jsonPath("$.ok").value(true))
                .andExpect(jsonPath("$.records").value(recordCount()))
                .andExpect(jsonPath("$.firstBrokenId").doesNotExist());
    }

    @ParameterizedTest
    @ValueSource(strings = {"from=yesterday", "to=soon", "page=-3"})
    void badParametersAreProblemsNamingTheParameterBehindTheSecurityToo(String query) throws Exception {
        mvc.perform(get("/api/v1/audit?" + query).with(SignedIn.platformAdmin()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value(query.substring(0, query.indexOf('='))))
                .andExpect(jsonPath("$.correlationId").isNotEmpty());
    }

    @org.junit.jupiter.api.Test
    void theOpenApiDescriptionDocumentsTheAuditRoutesAndTheirFilters() throws Exception {
        mvc.perform(get("/v3/api-docs").with(SignedIn.platformAdmin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/audit'].get.parameters[*].name")
                        .value(org.hamcrest.Matchers.hasItems(
                                "namespace", "tier", "user", "action", "from", "to", "page")))
                .andExpect(
                        jsonPath("$.paths['/api/v1/audit/verify'].get.summary").value("Recompute the hash chain"))
                .andExpect(jsonPath("$.paths['/api/v1/audit/export'].get.parameters[*].name")
                        .value(org.hamcrest.Matchers.hasItem("format")));
    }

    private String chainHead() {
        return jdbc.queryForObject("select last_hash from audit_chain_head", String.class);
    }

    private long recordCount() {
        return auditLog.find(AuditQuery.all(), 0).total();
    }
}
