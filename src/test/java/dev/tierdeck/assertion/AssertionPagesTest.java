package dev.tierdeck.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.policy.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@AssertionPortalTest
class AssertionPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void empty() {
        jdbc.sql("delete from connectivity_assertion").update();
    }

    private static MockHttpServletRequestBuilder sandboxForm() {
        return post("/assertions")
                .param("scope", "")
                .param("name", "sandbox-never-reaches-pci")
                .param("sourceNamespaceSelector", "projectcalico.org/name == 'sandbox'")
                .param("destinationSelector", "pci == 'true'")
                .param("protocol", "TCP")
                .param("ports", "")
                .param("expect", "deny")
                .with(csrf());
    }

    @Test
    void anAdminStatesAnAssertionAndSeesItViolatedWithItsExampleAndTrace() throws Exception {
        mvc.perform(sandboxForm().with(TestUsers.ADMIN.session()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/assertions#assertion-*"));

        mvc.perform(get("/assertions").with(TestUsers.ADMIN.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-status=\"violated\"")))
                .andExpect(content().string(containsString("sandbox/debug-shell → payments/")))
                .andExpect(content().string(containsString("allowed by the namespace profile")));
        // bob reads the global assertion but not where it fails: neither end is his
        mvc.perform(get("/assertions").with(TestUsers.BOB.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("sandbox-never-reaches-pci")))
                .andExpect(content().string(not(containsString("sandbox/debug-shell → payments/"))))
                .andExpect(content().string(containsString("outside your")));
    }

    @Test
    void badInputComesBackAtTheFieldAndNothingIsStored() throws Exception {
        mvc.perform(sandboxForm()
                        .param("destinationSelector", "pci == ")
                        .param("ports", "8080, nope!")
                        .with(TestUsers.ADMIN.session()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("data-field=\"destinationSelector\"")))
                .andExpect(content().string(containsString("data-field=\"ports\"")));
        // a developer states nothing global: the refusal stands at the scope
        mvc.perform(sandboxForm().with(TestUsers.ALICE.session()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("data-field=\"scope\"")))
                .andExpect(content().string(containsString("Only platform and security admins")));
        assertThat(jdbc.sql("select count(*) from connectivity_assertion")
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
