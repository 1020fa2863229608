package dev.tierdeck.audit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.audit.Actor;
import dev.tierdeck.audit.AuditContextTest;
import dev.tierdeck.audit.AuditEntry;
import dev.tierdeck.audit.AuditLog;
import dev.tierdeck.audit.AuditRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The audit screen, as a full page and as the fragments htmx asks for. */
@AuditContextTest
class AuditTrailControllerTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditLog auditLog;

    String namespace;
    AuditRecord promoted;

    @BeforeEach
    void aPromotionInANamespaceOfItsOwn() {
        namespace = "screen-" + System.nanoTime();
        promoted = auditLog.record(AuditEntry.builder(
                        new Actor("http://localhost:9000", "alice", "Alice <b>Developer</b>"), "policy.promoted")
                .target("NetworkPolicy", namespace, "allow-checkout")
                .tier("default")
                .reason("<script>alert('x')</script>")
                .change(
                        "spec:\n  order: 100\n  selector: app == 'web'\n",
                        "spec:\n  order: 200\n  selector: app == 'web'\n")
                .impactJson("{\"newlyAllowed\": 3}")
                .correlationId("req-screen-0001")
                .build());
    }

    @Test
    void thePageListsTheRecordsWithTheirDiffInTheLayout() throws Exception {
        String html = mvc.perform(
                        get("/admin/audit").param("namespace", namespace).with(SignedIn.platformAdmin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<title>Audit trail · Tierdeck</title>")))
                .andExpect(content().string(containsString("aria-current=\"page\"")))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html)
                .contains("1 record")
                .contains("NetworkPolicy " + namespace + "/allow-checkout")
                .contains("<del>-   order: 100</del>")
                .contains("<ins>+   order: 200</ins>")
                .contains("<span>    selector: app == &#39;web&#39;</span>")
                .contains("&quot;newlyAllowed&quot; : 3")
                .contains("req-screen-0001")
                .contains(promoted.hash())
                .contains("href=\"/api/v1/audit/export?namespace=" + namespace + "&amp;format=csv\"");
    }

    @Test
    void userTextIsEscapedNeverMarkup() throws Exception {
        mvc.perform(get("/admin/audit").param("namespace", namespace).with(SignedIn.securityAdmin()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("<script>alert"))))
                .andExpect(content().string(containsString("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")))
                .andExpect(content().string(containsString("Alice &lt;b&gt;Developer&lt;/b&gt;")));
    }

    @Test
    void htmxGetsOnlyTheResults() throws Exception {
        mvc.perform(get("/admin/audit")
                        .param("namespace", namespace)
                        .header("HX-Request", "true")
                        .with(SignedIn.platformAdmin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"audit-results\"")))
                .andExpect(content().string(containsString("allow-checkout")))
                .andExpect(content().string(not(containsString("<html"))))
                .andExpect(content().string(not(containsString("Filter the audit trail"))));
    }

    @Test
    void aBadFilterIsA400NamingTheParameterWithAndWithoutHtmx() throws Exception {
        mvc.perform(get("/admin/audit").param("from", "yesterday").with(SignedIn.platformAdmin()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("from: &#39;yesterday&#39; is not a time")))
                .andExpect(content().string(containsString("aria-invalid=\"true\"")))
                .andExpect(content().string(containsString("<html")));
        mvc.perform(get("/admin/audit")
                        .param("page", "minus one")
                        .header("HX-Request", "true")
                        .with(SignedIn.platformAdmin()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("page: &#39;minus one&#39; is not a page number")))
                .andExpect(content().string(not(containsString("id=\"audit-results\""))));
    }

    @Test
    void verifyingShowsTheOutcomeOnThePageOrAsAFragment() throws Exception {
        mvc.perform(get("/admin/audit/verify").with(SignedIn.platformAdmin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The chain holds: all")))
                .andExpect(content().string(containsString("id=\"audit-results\"")));
        mvc.perform(get("/admin/audit/verify").header("HX-Request", "true").with(SignedIn.platformAdmin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"verification\"")))
                .andExpect(content().string(containsString("The chain holds: all")))
                .andExpect(content().string(not(containsString("id=\"audit-results\""))));
    }

    @Test
    void pageLinksKeepTheFilters() throws Exception {
        for (int i = 0; i < 50; i++) {
            auditLog.record(AuditEntry.builder(new Actor("http://localhost:9000", "admin", "Ada Admin"), "tier.updated")
                    .target("Tier", namespace, "tier-" + i)
                    .build());
        }

        mvc.perform(get("/admin/audit").param("namespace", namespace).with(SignedIn.platformAdmin()))
                .andExpect(content().string(containsString("51 records")))
                .andExpect(content().string(containsString("Page 1 of 2")))
                .andExpect(content()
                        .string(containsString("href=\"/admin/audit?namespace=" + namespace + "&amp;page=1\"")));
        mvc.perform(get("/admin/audit")
                        .param("namespace", namespace)
                        .param("page", "1")
                        .with(SignedIn.platformAdmin()))
                .andExpect(content().string(containsString("Page 2 of 2")))
                .andExpect(content().string(containsString("allow-checkout")))
                .andExpect(content().string(containsString("href=\"/admin/audit?namespace=" + namespace + "\"")));
    }

    @Test
    void theNavigationShowsTheAuditTrailToAdminsOnly() throws Exception {
        mvc.perform(get("/").with(SignedIn.securityAdmin()))
                .andExpect(content().string(containsString("href=\"/admin/audit\"")));
        mvc.perform(get("/").with(SignedIn.developer()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("href=\"/admin/audit\""))));
    }
}
