package dev.tierdeck.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.policy.Policies;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.TestUsers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** The server checks a draft again when it is staged: a guardrail tightened since it was saved refuses it. */
@PromotionTest
class BlockedStagingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @AfterEach
    void forget() {
        Cleanup.policies(jdbc, "blocked-");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDraftTheGuardrailsNowBlockIsNotStagedAndTheMessageNamesTheField() throws Exception {
        drafts.save(TestUsers.ALICE.user(), Policies.allowApi("payments", "blocked-api", 8080), null);
        PolicyDraft before =
                drafts.find(PolicyRef.namespaced("payments", "blocked-api")).orElseThrow();
        Map<String, Object> current = JSON.readValue(
                mvc.perform(get("/api/v1/guardrails").with(TestUsers.SECURITY.token()))
                        .andReturn()
                        .getResponse()
                        .getContentAsString(),
                Map.class);
        Map<String, Object> rules = (Map<String, Object>) current.get("rules");
        Map<String, Object> tightened = JSON.readValue(JSON.writeValueAsString(rules), Map.class);
        ((Map<String, Object>) tightened.get("protocolsAndPorts")).put("ports", List.of("443"));
        int version = saveGuardrails(tightened, (Integer) current.get("version"));
        try {
            mvc.perform(post("/api/v1/namespaces/payments/policies/blocked-api/stage")
                            .with(TestUsers.ALICE.token()))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.detail").value(containsString("cannot be staged")))
                    .andExpect(jsonPath("$.problems[0].field").value("spec.ingress"))
                    .andExpect(jsonPath("$.problems[0].message").value(containsString("TCP 8080")));
            mvc.perform(post("/namespaces/payments/policies/blocked-api/stage")
                            .with(TestUsers.ALICE.session())
                            .with(csrf()))
                    .andExpect(flash().attribute(
                                    "flash", org.hamcrest.Matchers.hasToString(containsString("cannot be staged"))));
        } finally {
            saveGuardrails(rules, version);
        }
        assertThat(drafts.find(before.ref())).contains(before);
        assertThat(new Cluster(context).staged("payments", "blocked-api")).isNull();
    }

    private int saveGuardrails(Map<String, Object> rules, int baseVersion) throws Exception {
        String body = JSON.writeValueAsString(Map.of("rules", rules, "comment", "test", "baseVersion", baseVersion));
        String saved = mvc.perform(put("/api/v1/guardrails")
                        .with(TestUsers.SECURITY.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return (Integer) JSON.readValue(saved, Map.class).get("version");
    }
}
