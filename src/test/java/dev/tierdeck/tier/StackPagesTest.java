package dev.tierdeck.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@AdminConsoleTest
class StackPagesTest {

    @Autowired
    MockMvc mvc;

    @Test
    void showsEveryTierTopToBottomWithItsPoliciesAndWhatTheySelect() throws Exception {
        String page = mvc.perform(get("/admin/stack").with(Users.SECURITY.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<title>Policy stack · Tierdeck</title>")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .containsSubsequence(
                        "1. security",
                        "locked",
                        "Organisation-wide security rules",
                        "2. platform",
                        "3. empty",
                        "4. kube-admin",
                        "built-in",
                        "5. default",
                        "6. kube-baseline",
                        "7. unordered",
                        "none (evaluated last)")
                .containsSubsequence("tierdeck-security-admins", "2. platform")
                .containsSubsequence("quarantine", "enforced", "GlobalNetworkPolicy", "quarantine == &quot;true&quot;")
                .containsSubsequence(
                        "allow-dns",
                        "all()",
                        "team == &quot;payments&quot;",
                        "Egress",
                        "0 ingress, 1 egress",
                        "3 pods",
                        "in 1 namespace",
                        "payments",
                        "(3)")
                .containsSubsequence(
                        "catalog/default-deny", "KubernetesNetworkPolicy", "all()", "own namespace", "1 pod");
    }

    @Test
    void anHtmxRequestGetsOnlyTheContent() throws Exception {
        mvc.perform(get("/admin/stack").with(Users.ADMIN.session()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"stack\""), not(containsString("<html")))));
    }

    @Test
    void aPageOfOneTierPastTheEndShowsItsLastPageAndAPageThatIsNoNumberIsABadRequest() throws Exception {
        mvc.perform(get("/admin/stack")
                        .param("tier", "default")
                        .param("page", "7")
                        .with(Users.ADMIN.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("catalog/default-deny")));
        mvc.perform(get("/admin/tiers")
                        .param("tier", "default")
                        .param("page", "7")
                        .with(Users.ADMIN.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("catalog/default-deny")));
        mvc.perform(get("/admin/stack").param("page", "second").with(Users.ADMIN.session()))
                .andExpect(status().isBadRequest());
    }
}
