package dev.tierdeck.policy.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.policy.DeveloperLoopTest;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The YAML editor reads YAML exactly as the API does: unknown fields and anchors are refused with their line. */
@DeveloperLoopTest
class YamlEditorStrictnessTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    PolicyDrafts drafts;

    @Test
    void anUnknownFieldIsRefusedNamingItsLineInsteadOfBeingDropped() throws Exception {
        mvc.perform(save("""
                        apiVersion: projectcalico.org/v3
                        kind: NetworkPolicy
                        metadata:
                          name: editor-strict
                        spec:
                          tier: default
                          selector: app == 'api'
                          ingres:
                          - action: Allow
                        """))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Line 8: spec.ingres: &#39;ingres&#39; is not a field")));

        assertThat(drafts.find(PolicyRef.namespaced("payments", "editor-strict")))
                .isEmpty();
    }

    @Test
    void anAliasBombIsRefusedAsTheApiRefusesIt() throws Exception {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata:
                  name: editor-bomb
                  labels: &l0 {a: b}
                spec:
                  tier: default
                """);
        for (int i = 1; i < 9; i++) {
            yaml.append("  x")
                    .append(i)
                    .append(": &l")
                    .append(i)
                    .append(" [*l")
                    .append(i - 1)
                    .append(", *l")
                    .append(i - 1)
                    .append("]\n");
        }

        mvc.perform(save(yaml.toString()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("anchors (&amp;l0) are not accepted")));

        assertThat(drafts.find(PolicyRef.namespaced("payments", "editor-bomb"))).isEmpty();
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder save(String yaml) {
        return post("/namespaces/payments/policies/new")
                .with(TestUsers.ALICE.session())
                .with(csrf())
                .param("_action", "save")
                .param("mode", "yaml")
                .param("yaml", yaml);
    }
}
