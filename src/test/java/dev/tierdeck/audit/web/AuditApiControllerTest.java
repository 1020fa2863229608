package dev.tierdeck.audit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.audit.Actor;
import dev.tierdeck.audit.AuditContextTest;
import dev.tierdeck.audit.AuditDatabase;
import dev.tierdeck.audit.AuditEntry;
import dev.tierdeck.audit.AuditRecord;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import dev.tierdeck.tenancy.Permissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * The audit API's behaviour on a database of its own: filters, verification, exports and the answers to bad
 * parameters. Who may call it is {@code AuditApiSecurityTest}'s subject.
 */
@AuditContextTest
class AuditApiControllerTest {

    static final Actor ALICE = new Actor("http://localhost:9000", "alice", "Alice Developer");
    static final Instant NOW = Instant.parse("2026-11-26T14:30:05Z");

    /** A security admin, as the portal's sign-in would hand them to the controller. */
    static final CurrentUser SECURITY = new CurrentUser(
            "http://localhost:9000",
            "security",
            "security",
            "Sam Security",
            Set.of(Role.SECURITY_ADMIN),
            Set.of("tierdeck-security-admins"));

    @Autowired
    DataSource server;

    @Autowired
    Permissions permissions;

    AuditDatabase db;
    MockMvc mvc;
    AuditRecord promoted;

    @BeforeEach
    void twoRecords() {
        db = AuditDatabase.singleRole(server);
        mvc = MockMvcBuilders.standaloneSetup(
                        new AuditApiController(db.log(), permissions, Clock.fixed(NOW, ZoneOffset.UTC)))
                .setControllerAdvice(new AuditApiProblems())
                .setCustomArgumentResolvers(new SignedInAs(SECURITY))
                .build();
        db.log()
                .record(AuditEntry.builder(ALICE, "tier.created")
                        .target("Tier", null, "platform")
                        .tier("platform")
                        .build());
        promoted = db.log()
                .record(AuditEntry.builder(ALICE, "policy.promoted")
                        .target("NetworkPolicy", "payments", "allow-checkout")
                        .tier("default")
                        .reason("checkout needs payments")
                        .impactJson("{\"newlyAllowed\": 3}")
                        .build());
    }

    @Test
    void listsTheRecordsMatchingTheFiltersWithTheImpactEvidenceAsJson() throws Exception {
        mvc.perform(get("/api/v1/audit").param("namespace", "payments").param("user", "alice"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.hasNext").value(false))
                .andExpect(jsonPath("$.records[0].id").value(promoted.id()))
                .andExpect(jsonPath("$.records[0].actor.subject").value("alice"))
                .andExpect(jsonPath("$.records[0].action").value("policy.promoted"))
                .andExpect(jsonPath("$.records[0].impact.newlyAllowed").value(3))
                .andExpect(jsonPath("$.records[0].hash").value(promoted.hash()));
    }

    @Test
    void acceptsDatesDateTimesAndInstants() throws Exception {
        mvc.perform(get("/api/v1/audit").param("from", "2000-01-01").param("to", "2999-12-31T23:59"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(2));
        mvc.perform(get("/api/v1/audit").param("from", "2999-01-01T00:00:00+01:00"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void verifyAnswersOkWithTheNumberOfRecords() throws Exception {
        mvc.perform(get("/api/v1/audit/verify"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .json("{\"ok\":true,\"records\":2}", org.springframework.test.json.JsonCompareMode.STRICT));
    }

    @Test
    void verifyNamesTheFirstBrokenRecord() throws Exception {
        db.tamper("update audit_record set reason = 'nothing to see' where id = " + promoted.id());

        mvc.perform(get("/api/v1/audit/verify"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ok").value(false))
                .andExpect(jsonPath("$.firstBrokenId").value(promoted.id()))
                .andExpect(jsonPath("$.records").doesNotExist())
                .andExpect(jsonPath("$.problem").value(org.hamcrest.Matchers.containsString("was changed")));
    }

    @Test
    void exportsCsvAsAnAttachment() throws Exception {
        String csv = mvc.perform(
                        get("/api/v1/audit/export").param("format", "csv").param("tier", "default"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andExpect(header().string(
                                "Content-Disposition", "attachment; filename=\"tierdeck-audit-20261126T143005Z.csv\""))
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(csv.lines()).hasSize(2);
        assertThat(csv).startsWith("id,occurred_at,").contains("allow-checkout").doesNotContain("tier.created");
    }

    @Test
    void exportsJsonAsAnAttachment() throws Exception {
        mvc.perform(get("/api/v1/audit/export").param("format", "JSON"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(header().string(
                                "Content-Disposition", "attachment; filename=\"tierdeck-audit-20261126T143005Z.json\""))
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[1].impact.newlyAllowed").value(3));
    }

    @Test
    void anUnparseableTimeIsABadRequestNamingTheParameter() throws Exception {
        mvc.perform(get("/api/v1/audit").param("from", "yesterday"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value("from"))
                .andExpect(jsonPath("$.detail")
                        .value("from: 'yesterday' is not a time; use 2026-11-26, 2026-11-26T14:30 (UTC) or"
                                + " 2026-11-26T14:30:00+01:00"));
        mvc.perform(get("/api/v1/audit/export").param("to", "26/11/2026"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("to"));
    }

    @Test
    void otherBadParametersAreNamedToo() throws Exception {
        mvc.perform(get("/api/v1/audit").param("page", "-1"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("page"));
        mvc.perform(get("/api/v1/audit").param("page", "two"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("page"));
        mvc.perform(get("/api/v1/audit").param("from", "2026-11-27").param("to", "2026-11-25"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("to"));
        mvc.perform(get("/api/v1/audit").param("namespace", "n".repeat(201)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("namespace"));
        mvc.perform(get("/api/v1/audit/export").param("format", "xlsx"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("format"))
                .andExpect(jsonPath("$.detail").value("format: 'xlsx' is not an export format; use csv or json"));
    }

    /** Resolves {@link CurrentUser} parameters to one fixed user, as the portal's resolver does for a signed-in one. */
    record SignedInAs(CurrentUser user) implements HandlerMethodArgumentResolver {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == CurrentUser.class;
        }

        @Override
        public Object resolveArgument(
                MethodParameter parameter,
                @Nullable ModelAndViewContainer container,
                NativeWebRequest request,
                @Nullable WebDataBinderFactory binders) {
            return user;
        }
    }
}
