package dev.tierdeck.cluster.web;

import static dev.tierdeck.system.TestUsers.admin;
import static dev.tierdeck.system.TestUsers.alice;
import static dev.tierdeck.system.TestUsers.security;
import static dev.tierdeck.system.TestUsers.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.audit.AuditLog;
import dev.tierdeck.audit.AuditQuery;
import dev.tierdeck.audit.AuditRecord;
import dev.tierdeck.cluster.ActingUser;
import dev.tierdeck.cluster.ClusterAccessDeniedException;
import dev.tierdeck.cluster.ClusterConflictException;
import dev.tierdeck.cluster.ClusterDrift;
import dev.tierdeck.cluster.ClusterException;
import dev.tierdeck.cluster.ClusterKind;
import dev.tierdeck.cluster.ClusterNotFoundException;
import dev.tierdeck.cluster.Drift;
import dev.tierdeck.cluster.ObjectDiff;
import dev.tierdeck.cluster.ObjectRef;
import dev.tierdeck.cluster.WriteOutcome;
import dev.tierdeck.system.FlashMessage;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The drift screen and the restore endpoint, in front of a drift source the test controls. */
@SpringBootTest
@AutoConfigureMockMvc
class DriftPagesTest {

    static final String ID = "global_network_policy..security.deny-cloud-metadata";
    static final ObjectRef REF = new ObjectRef(ClusterKind.GLOBAL_NETWORK_POLICY, null, "security.deny-cloud-metadata");

    @Autowired
    MockMvc mvc;

    @Autowired
    ScriptedDrift drift;

    @Autowired
    AuditLog audit;

    @BeforeEach
    void reset() {
        drift.restores.clear();
        drift.failure = null;
    }

    @Test
    void adminsSeeEachDriftWithItsDiffAndARestoreFormInTheFullLayout() throws Exception {
        mvc.perform(get("/admin/drift").with(admin()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("<title>Drift · Tierdeck</title>"),
                                containsString("href=\"/admin/drift\""),
                                containsString("<code>security.deny-cloud-metadata</code>"),
                                containsString("tier security"),
                                containsString("a change outside Tierdeck in a locked tier"),
                                containsString("2026-11-26 12:00:00 UTC"),
                                containsString("<code>spec.selector</code>"),
                                containsString("<code>all()</code>"),
                                containsString("<code>team == &#39;x&#39;</code>"),
                                containsString("action=\"/admin/drift/" + ID + "/restore\""),
                                containsString("hx-post=\"/admin/drift/" + ID + "/restore\""),
                                containsString("name=\"_csrf\""))));
    }

    @Test
    void htmxGetsOnlyTheList() throws Exception {
        mvc.perform(get("/admin/drift").with(admin()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"drift\""),
                                containsString("spec.selector"),
                                not(containsString("<html")))));
    }

    @Test
    void restoreWithoutJavaScriptRedirectsWithAFlashMessageActingAsTheSignedInAdmin() throws Exception {
        long recorded = restoreRecords();
        mvc.perform(post("/admin/drift/" + ID + "/restore")
                        .with(security())
                        .with(csrf())
                        .param("username", "system:admin")
                        .param("groups", "system:masters"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/admin/drift"))
                .andExpect(flash().attribute(
                                FlashMessage.ATTRIBUTE,
                                FlashMessage.success("GlobalNetworkPolicy security.deny-cloud-metadata was restored to"
                                        + " what Tierdeck expects.")));

        assertThat(drift.restores)
                .containsExactly(new Restore(new ActingUser("security", List.of("tierdeck-security-admins")), ID));
        assertThat(restoreRecords()).isEqualTo(recorded + 1);
        assertThat(newestRestoreRecord().actor().displayName()).isEqualTo("Sam Security");
    }

    @Test
    void restoreWithHtmxSwapsTheListWithTheOutcome() throws Exception {
        mvc.perform(post("/admin/drift/" + ID + "/restore")
                        .with(security())
                        .with(csrf())
                        .header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"drift\""),
                                containsString("was restored to what Tierdeck expects."),
                                not(containsString("<html")))));
        assertThat(drift.restores).hasSize(1);
    }

    @Test
    void aRefusalNamesTheMissingPermissionAndIsNotAudited() throws Exception {
        long recorded = restoreRecords();
        drift.failure =
                new ClusterAccessDeniedException(403, "forbidden", "update globalnetworkpolicies.projectcalico.org");
        mvc.perform(post("/admin/drift/" + ID + "/restore")
                        .with(security())
                        .with(csrf())
                        .header("HX-Request", "true"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("missing update globalnetworkpolicies.projectcalico.org")));
        mvc.perform(post("/admin/drift/" + ID + "/restore").with(security()).with(csrf()))
                .andExpect(redirectedUrl("/admin/drift"))
                .andExpect(flash().attribute(
                                FlashMessage.ATTRIBUTE,
                                FlashMessage.error("The cluster refused the restore for your account: missing update"
                                        + " globalnetworkpolicies.projectcalico.org. Nothing was changed.")));
        assertThat(restoreRecords()).isEqualTo(recorded);
    }

    @Test
    void theApiRestoresAndAnswersWithTheOutcome() throws Exception {
        mvc.perform(post("/api/v1/drift/" + ID + "/restore").with(security()).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.change").value("REPLACED"))
                .andExpect(jsonPath("$.kind").value("GlobalNetworkPolicy"))
                .andExpect(jsonPath("$.resourceVersion").value("42"));
        assertThat(drift.restores).hasSize(1);
        AuditRecord record = newestRestoreRecord();
        assertThat(record.targetName()).isEqualTo("security.deny-cloud-metadata");
        assertThat(record.tier()).isEqualTo("security");
    }

    @Test
    void anAdminWhoDoesNotOwnTheLockedTierIsRefusedBeforeTheClusterIsAsked() throws Exception {
        long recorded = restoreRecords();

        mvc.perform(post("/api/v1/drift/" + ID + "/restore").with(admin()).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/drift/" + ID + "/restore")
                        .with(admin())
                        .with(csrf())
                        .header("HX-Request", "true"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("only members of tierdeck-security-admins")));

        assertThat(drift.restores).isEmpty();
        assertThat(restoreRecords()).isEqualTo(recorded);
    }

    @Test
    void theApiAnswersAConflictWithTheDiff() throws Exception {
        drift.failure = new ClusterConflictException(
                REF, "changed", "43", new ObjectDiff(List.of(new ObjectDiff.FieldChange("spec.order", 10, 11))));
        mvc.perform(post("/api/v1/drift/" + ID + "/restore").with(security()).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("spec.order: expected 10, now 11")))
                .andExpect(jsonPath("$.changes[0].path").value("spec.order"));
    }

    @Test
    void anUnknownDriftIsA404() throws Exception {
        mvc.perform(post("/api/v1/drift/no-such-drift/restore").with(admin()).with(csrf()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(containsString("There is no drift no-such-drift")));
        assertThat(drift.restores).isEmpty();
    }

    @Test
    void developersAndViewersAreRefusedEverywhereAndNothingIsRestored() throws Exception {
        for (RequestPostProcessor user : List.of(alice(), viewer())) {
            List<MockHttpServletRequestBuilder> requests = List.of(
                    get("/admin/drift"),
                    get("/admin/drift").header("HX-Request", "true"),
                    post("/admin/drift/" + ID + "/restore").with(csrf()),
                    post("/admin/drift/" + ID + "/restore").with(csrf()).header("HX-Request", "true"),
                    get("/api/v1/drift"),
                    post("/api/v1/drift/" + ID + "/restore").with(csrf()));
            for (MockHttpServletRequestBuilder request : requests) {
                mvc.perform(request.with(user)).andExpect(status().isForbidden());
            }
        }
        assertThat(drift.restores).isEmpty();
    }

    @Test
    void aRestoreWithoutCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/admin/drift/" + ID + "/restore").with(security())).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/drift/" + ID + "/restore").with(security())).andExpect(status().isForbidden());
        assertThat(drift.restores).isEmpty();
    }

    @Test
    void adminsFindTheScreenInTheNavigationOthersDoNot() throws Exception {
        mvc.perform(get("/").with(admin())).andExpect(content().string(containsString("href=\"/admin/drift\"")));
        mvc.perform(get("/").with(alice())).andExpect(content().string(not(containsString("href=\"/admin/drift\""))));
    }

    private long restoreRecords() {
        return audit.find(AuditQuery.all().withAction("drift.restored"), 0).total();
    }

    private AuditRecord newestRestoreRecord() {
        return audit.find(AuditQuery.all().withAction("drift.restored"), 0).records().stream()
                .max(java.util.Comparator.comparing(AuditRecord::occurredAt))
                .orElseThrow();
    }

    record Restore(ActingUser user, String id) {}

    static final class ScriptedDrift implements ClusterDrift {

        final List<Restore> restores = new CopyOnWriteArrayList<>();
        volatile @Nullable ClusterException failure;

        @Override
        public List<Drift> drift() {
            return List.of(new Drift(
                    ID,
                    REF,
                    Drift.Reason.LOCKED_TIER_CHANGED,
                    "security",
                    new ObjectDiff(List.of(new ObjectDiff.FieldChange("spec.selector", "all()", "team == 'x'"))),
                    Instant.parse("2026-11-26T12:00:00Z")));
        }

        @Override
        public WriteOutcome restore(ActingUser admin, String driftId) {
            if (!driftId.equals(ID)) {
                throw new ClusterNotFoundException(REF, "no drift with id " + driftId);
            }
            ClusterException refused = failure;
            if (refused != null) {
                throw refused;
            }
            restores.add(new Restore(admin, driftId));
            return new WriteOutcome(REF, WriteOutcome.Change.REPLACED, "42");
        }
    }

    @TestConfiguration
    static class Drifts {
        @Bean
        @Primary
        ScriptedDrift scriptedDrift() {
            return new ScriptedDrift();
        }
    }
}
