package dev.tierdeck.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@AdminConsoleTest
class GuardrailApiControllerTest {

    private static final String RULES = """
            {"egressCidrs": {"enabled": true, "severity": "block", "allowed": ["10.0.0.0/8"]},
             "ingressFromAllNamespaces": {"enabled": true, "severity": "block"},
             "peerNamespaces": {"enabled": true, "severity": "require-approval"},
             "protocolsAndPorts": {"enabled": true, "severity": "block", "protocols": ["TCP"], "ports": ["443"]},
             "requiredLabels": {"enabled": true, "severity": "block", "labels": ["owner"]},
             "maxRules": {"enabled": true, "severity": "block", "max": 10},
             "passAndLog": {"enabled": false, "severity": "block", "passAllowedIn": [], "logAllowedIn": ["*"]}}""";

    @Autowired
    MockMvc mvc;

    @Autowired
    GuardrailStore store;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everySaveIsANewAuditedVersionAndTheHistoryIsKept() throws Exception {
        int before = store.current().version();
        mvc.perform(put("/api/v1/guardrails")
                        .with(Users.SECURITY.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"comment\": \"Only the corporate network\", \"rules\": " + RULES + "}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(before + 1))
                .andExpect(jsonPath("$.createdBy").value("Sam Security (security)"))
                .andExpect(jsonPath("$.rules.egressCidrs.allowed[0]").value("10.0.0.0/8"))
                .andExpect(jsonPath("$.rules.peerNamespaces.severity").value("require-approval"));
        mvc.perform(put("/api/v1/guardrails")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"comment\": \"Twenty rules\", \"baseVersion\": " + (before + 1) + ", \"rules\": "
                                + RULES.replace("\"max\": 10", "\"max\": 20") + "}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(before + 2));

        mvc.perform(get("/api/v1/guardrails").with(Users.ADMIN.token()))
                .andExpect(jsonPath("$.version").value(before + 2))
                .andExpect(jsonPath("$.rules.maxRules.max").value(20));
        mvc.perform(get("/api/v1/guardrails/versions").with(Users.ADMIN.token()))
                .andExpect(jsonPath("$[0].comment").value("Twenty rules"))
                .andExpect(jsonPath("$[1].comment").value("Only the corporate network"))
                .andExpect(jsonPath("$[1].rules.maxRules.max").value(10));
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'guardrail.updated'"
                                + " and reason = 'Twenty rules' and after_yaml like '%max: 20%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aSaveBasedOnAnOlderVersionIsRefused() throws Exception {
        int current = store.current().version();
        mvc.perform(put("/api/v1/guardrails")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"comment\": \"stale\", \"baseVersion\": " + (current + 5) + ", \"rules\": " + RULES
                                + "}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("Reload the guardrails")));
        assertThat(store.current().version()).isEqualTo(current);
    }

    @Test
    void invalidSettingsAreRefusedNamingEachField() throws Exception {
        int current = store.current().version();
        String bad = RULES.replace("\"10.0.0.0/8\"", "\"10.0.0.0/33\"")
                .replace("\"443\"", "\"70000\"")
                .replace("\"max\": 10", "\"max\": 0")
                .replace("[\"owner\"]", "[\"not a label\"]");
        mvc.perform(put("/api/v1/guardrails")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rules\": " + bad + "}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[*].field")
                        .value(contains(
                                "egressCidrs.allowed[0]",
                                "protocolsAndPorts.ports[0]",
                                "requiredLabels.labels[0]",
                                "maxRules.max",
                                "comment")));
        assertThat(store.current().version()).isEqualTo(current);
    }

    @Test
    void eachGuardrailSaysWhatItMeasuresWithTheLimitsInForce() throws Exception {
        int before = store.current().version();
        String limited = RULES.replace("\"allowed\": [\"10.0.0.0/8\"]", "\"allowed\": [], \"publicPrefixV4\": 16");
        mvc.perform(put("/api/v1/guardrails")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"comment\": \"a /16 of the internet\", \"rules\": " + limited + "}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(before + 1))
                .andExpect(jsonPath("$.rules.egressCidrs.publicPrefixV4").value(16))
                .andExpect(jsonPath("$.rules.egressCidrs.publicPrefixV6").value(32));
        mvc.perform(get("/api/v1/guardrails").with(Users.ADMIN.token()))
                .andExpect(jsonPath("$.descriptions[*].id")
                        .value(contains(
                                "egress-cidrs",
                                "ingress-all-namespaces",
                                "peer-namespaces",
                                "protocols-ports",
                                "required-labels",
                                "max-rules",
                                "pass-log",
                                "promotion-evidence")))
                .andExpect(jsonPath("$.descriptions[0].measures")
                        .value(containsString("more public IPv4 addresses than one /16 holds (65,536)")))
                .andExpect(jsonPath("$.descriptions[1].measures").value(containsString("every namespace")))
                .andExpect(jsonPath("$.descriptions[3].measures").value(containsString("outside TCP")));
    }

    @Test
    void aPublicAddressLimitOutsideThePrefixLengthsIsRefused() throws Exception {
        int current = store.current().version();
        mvc.perform(put("/api/v1/guardrails")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"comment\": \"x\", \"rules\": "
                                + RULES.replace(
                                        "\"allowed\": [\"10.0.0.0/8\"]",
                                        "\"allowed\": [], \"publicPrefixV4\": 33, \"publicPrefixV6\": -1")
                                + "}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[*].field")
                        .value(contains("egressCidrs.publicPrefixV4", "egressCidrs.publicPrefixV6")));
        assertThat(store.current().version()).isEqualTo(current);
    }

    @Test
    void anUnknownSeverityNamesItsField() throws Exception {
        mvc.perform(put("/api/v1/guardrails")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"comment\": \"x\", \"rules\": " + RULES.replace("\"require-approval\"", "\"warn\"")
                                + "}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[0].field").value("rules.peerNamespaces.severity"));
    }

    @Test
    void theLooseningGuardrailRoundTripsAndVersionsSavedBeforeItDecodeWithItsDefault() throws Exception {
        int before = store.current().version();
        // a version stored before the guardrail existed, exactly as it was written then
        jdbc.sql("insert into guardrail_version (version, rules, created_at, created_by, comment)"
                        + " values (:version, cast(:rules as jsonb), now(), 'Ada Admin (admin)', 'an old version')")
                .param("version", before + 1)
                .param("rules", RULES)
                .update();
        mvc.perform(get("/api/v1/guardrails").with(Users.ADMIN.token()))
                .andExpect(jsonPath("$.version").value(before + 1))
                .andExpect(jsonPath("$.rules.egressCidrs.allowed[0]").value("10.0.0.0/8"))
                .andExpect(jsonPath("$.rules.loosening.enabled").value(true))
                .andExpect(jsonPath("$.rules.loosening.severity").value("require-approval"))
                .andExpect(jsonPath("$.rules.loosening.everyChange").value(false));
        assertThat(store.history())
                .first()
                .satisfies(v -> assertThat(v.rules().loosening()).isEqualTo(GuardrailRules.Loosening.DEFAULT));

        String withLoosening = RULES.substring(0, RULES.lastIndexOf('}'))
                + ", \"loosening\": {\"enabled\": true, \"severity\": \"block\", \"everyChange\": true}}";
        mvc.perform(put("/api/v1/guardrails")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"comment\": \"Every loosening blocks\", \"rules\": " + withLoosening + "}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rules.loosening.severity").value("block"))
                .andExpect(jsonPath("$.rules.loosening.everyChange").value(true));
        assertThat(store.current().rules().loosening())
                .isEqualTo(new GuardrailRules.Loosening(true, Severity.BLOCK, true));

        mvc.perform(put("/api/v1/guardrails")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"comment\": \"x\", \"rules\": "
                                + withLoosening.replace("\"severity\": \"block\", \"everyChange\"", "\"everyChange\"")
                                + "}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[0].field").value("loosening.severity"));
    }

    @Test
    void aMissingGuardrailIsNamed() throws Exception {
        mvc.perform(put("/api/v1/guardrails")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"comment\": \"x\", \"rules\": {}}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[0].field").value("egressCidrs"))
                .andExpect(jsonPath("$.fields.length()").value(7));
    }

    @Test
    void theEndpointsAreDescribedInTheOpenApiDocument() throws Exception {
        mvc.perform(get("/v3/api-docs").with(Users.ADMIN.session()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/tiers'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/tiers'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/tiers/{name}'].put").exists())
                .andExpect(jsonPath("$.paths['/api/v1/tiers/{name}'].delete").exists())
                .andExpect(jsonPath("$.paths['/api/v1/guardrails'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/guardrails'].put").exists());
    }
}
