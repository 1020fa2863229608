package dev.tierdeck.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.audit.Actor;
import dev.tierdeck.audit.AuditEntry;
import dev.tierdeck.audit.AuditIntent;
import dev.tierdeck.audit.AuditIntents;
import dev.tierdeck.cluster.ActingUser;
import dev.tierdeck.engine.model.RuleAction;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A tier change and its audit record: a comment or field the audit trail cannot hold is refused before the cluster is
 * touched, and a change whose outcome was never recorded is settled by reading the cluster back.
 */
@AdminConsoleTest
class TierChangeAuditTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TierStack stack;

    @Autowired
    ClusterTiers cluster;

    @Autowired
    AuditIntents intents;

    @Autowired
    TierIntentSweep sweep;

    @Autowired
    TierGovernanceStore governance;

    /** The context (and its demo cluster) is shared with other test classes: the tiers made here go again. */
    @AfterEach
    void forget() {
        jdbc.sql("delete from tier_governance where tier_name like 'audit-%'").update();
        jdbc.sql("delete from change_intent").update();
        ActingUser admin = new ActingUser("admin", List.of("tierdeck-platform-admins"));
        for (String tier : List.of("audit-settled", "audit-taken")) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                String version = stack.snapshot().resourceVersions().get(tier);
                if (version != null) {
                    cluster.delete(admin, tier, version);
                }
                return stack.snapshot().state().tier(tier) == null;
            });
        }
    }

    @Test
    void aNulInTheCommentOfANewTierIsRefusedAndTheClusterIsNeverTouched() throws Exception {
        long audited = audited();

        mvc.perform(post("/api/v1/tiers")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"audit-nul\", \"order\": 300, \"comment\": \"a\\u0000b\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(
                        org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.fields[0].field")
                                .value("comment"));

        Thread.sleep(1_000);
        assertThat(stack.snapshot().state().tier("audit-nul")).isNull();
        assertThat(audited()).isEqualTo(audited);
        assertThat(jdbc.sql("select count(*) from change_intent")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void nulsInTheTiersOwnFieldsAndInEveryWayOfCommentingAreRefused() throws Exception {
        long audited = audited();

        mvc.perform(put("/api/v1/tiers/empty")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\": \"a\\u0000b\"}"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(put("/api/v1/tiers/empty")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"order\": 12345, \"comment\": \"a\\u0007b\"}"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(put("/api/v1/tiers/empty")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"owners\": [\"a\\u0000b\"]}"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(delete("/api/v1/tiers/empty")
                        .param("comment", "a\u0000b")
                        .with(Users.ADMIN.token())
                        .with(csrf()))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/admin/tiers")
                        .with(Users.ADMIN.session())
                        .with(csrf())
                        .accept(MediaType.TEXT_HTML)
                        .param("name", "audit-form")
                        .param("comment", "a\u0000b"))
                .andExpect(status().isBadRequest());

        assertThat(stack.snapshot().state().tier("empty")).isNotNull();
        assertThat(stack.snapshot().state().tier("audit-form")).isNull();
        assertThat(governance.settings("empty").purpose()).doesNotContain("\u0000");
        assertThat(audited()).isEqualTo(audited);
    }

    @Test
    void aTierWrittenToTheClusterWhoseRecordWasNeverWrittenIsSettledByReadingTheClusterBack() {
        TierSettings settings = new TierSettings(false, List.of(), false, "settled later", false);
        TierIntent change = new TierIntent(TierIntent.CREATE, "audit-settled", 310.0, RuleAction.Pass, settings, "ada");
        AuditIntent intent = intents.intend(entry("tier.created", "audit-settled"), change.json());
        // the cluster took the change, then the process stopped before the database transaction
        cluster.create(
                new ActingUser("admin", List.of("tierdeck-platform-admins")), "audit-settled", 310.0, RuleAction.Pass);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> stack.snapshot().state().tier("audit-settled") != null);

        sweep.settle(Duration.ZERO);

        assertThat(jdbc.sql("select reason from audit_record where action = 'tier.created'"
                                + " and target_name = 'audit-settled'")
                        .query(String.class)
                        .single())
                .contains("confirmed by reading the cluster back");
        assertThat(governance.settings("audit-settled").purpose()).isEqualTo("settled later");
        assertThat(intents.pending("tier.", Duration.ZERO)).noneMatch(i -> i.id().equals(intent.id()));

        sweep.settle(Duration.ZERO);
        assertThat(jdbc.sql("select count(*) from audit_record where target_name = 'audit-settled'")
                        .query(Long.class)
                        .single())
                .as("settled once only")
                .isEqualTo(1);
    }

    @Test
    void aTierChangeTheClusterNeverTookLeavesNoRecordAndNoGovernance() {
        TierSettings settings = new TierSettings(false, List.of(), false, "never happened", false);
        TierIntent change = new TierIntent(TierIntent.CREATE, "audit-never", 320.0, RuleAction.Deny, settings, "ada");
        intents.intend(entry("tier.created", "audit-never"), change.json());

        sweep.settle(Duration.ZERO);

        assertThat(jdbc.sql("select count(*) from audit_record where target_name = 'audit-never'")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(governance.all()).doesNotContainKey("audit-never");
        assertThat(intents.pending("tier.", Duration.ZERO)).isEmpty();
    }

    @Test
    void aChangeTheClusterRefusesLeavesNoIntentAndNoRecordBehind() throws Exception {
        long audited = audited();
        // created behind the portal's back: the create below is refused by the check or, before the watch cache has
        // seen it, by the cluster itself (already exists); either way nothing is recorded
        cluster.create(
                new ActingUser("admin", List.of("tierdeck-platform-admins")), "audit-taken", 330.0, RuleAction.Deny);

        mvc.perform(post("/api/v1/tiers")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"audit-taken\", \"order\": 331}"))
                .andExpect(status().isConflict());

        assertThat(intents.pending("tier.", Duration.ZERO)).isEmpty();
        assertThat(audited()).isEqualTo(audited);
        assertThat(governance.all()).doesNotContainKey("audit-taken");
    }

    private static AuditEntry entry(String action, String tier) {
        return AuditEntry.builder(new Actor("http://localhost:9000", "admin", "Ada Admin"), action)
                .target("Tier", null, tier)
                .tier(tier)
                .change(null, "name: " + tier + "\n")
                .build();
    }

    private long audited() {
        return jdbc.sql("select count(*) from audit_record").query(Long.class).single();
    }
}
