package dev.tierdeck.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tierdeck.cluster.LockedTierLookup;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Governance and guardrail versions in the real (embedded) PostgreSQL, through the Flyway schema. */
@AdminConsoleTest
class TierGovernanceStoreTest {

    private static final CurrentUser SAM = new CurrentUser(
            "http://issuer",
            "sam",
            "security",
            "Sam Security",
            Set.of(Role.SECURITY_ADMIN),
            Set.of("tierdeck-security-admins"));
    private static final CurrentUser ADA = new CurrentUser(
            "http://issuer",
            "ada",
            "admin",
            "Ada Admin",
            Set.of(Role.PLATFORM_ADMIN),
            Set.of("tierdeck-platform-admins"));
    private static final CurrentUser ALICE = new CurrentUser(
            "http://issuer",
            "alice",
            "alice",
            "Alice Developer",
            Set.of(Role.DEVELOPER),
            Set.of("tierdeck-developers", "team-payments", "tierdeck-security-admins"));

    @Autowired
    TierGovernanceStore governance;

    @Autowired
    Permissions permissions;

    @Autowired
    LockedTierLookup lockedTiers;

    @Autowired
    GuardrailStore guardrails;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void forgetTestTiers() {
        jdbc.sql("delete from tier_governance where tier_name like 'store-%'").update();
    }

    @Test
    void theInitialConfigurationLocksTheDemoTiersForTheirOwners() {
        assertThat(lockedTiers.lockedTiers()).contains("security", "platform");
        assertThat(governance.settings("security").owners()).containsExactly("tierdeck-security-admins");
        assertThat(permissions.allows(SAM, Action.ADMINISTER, Resource.tier("security")))
                .isTrue();
        assertThat(permissions.allows(ADA, Action.ADMINISTER, Resource.tier("security")))
                .isFalse();
        assertThat(permissions.allows(ADA, Action.ADMINISTER, Resource.tier("platform")))
                .isTrue();
    }

    @Test
    void developersMayEditNoTierEvenWhenTheyShareAnOwnerGroup() {
        assertThat(permissions.allows(ALICE, Action.ADMINISTER, Resource.tier("security")))
                .isFalse();
        assertThat(permissions.allows(ALICE, Action.ADMINISTER, Resource.tier("store-unknown")))
                .isFalse();
    }

    @Test
    void anUnrecordedTierIsUnlockedAndADeveloperTierOnlyWhenConfigured() {
        assertThat(governance.isLocked("store-unknown")).isFalse();
        assertThat(governance.settings("default").developerTier()).isTrue();
        assertThat(governance.developerTiers()).contains("default").doesNotContain("store-unknown");
    }

    @Test
    void savedSettingsReplaceTheConfiguredDefaultAtOnce() {
        governance.save("store-a", new TierSettings(true, List.of("b", "a", "a"), true, "why", true), SAM);
        TierSettings read = governance.settings("store-a");
        assertThat(read).isEqualTo(new TierSettings(true, List.of("a", "b"), true, "why", true));
        assertThat(governance.isLocked("store-a")).isTrue();
        assertThat(lockedTiers.lockedTiers()).contains("store-a");
        assertThat(governance.developerTiers()).contains("store-a");

        governance.save("store-a", new TierSettings(false, List.of(), false, "", false), SAM);
        assertThat(governance.isLocked("store-a")).isFalse();
        assertThat(governance.developerTiers()).doesNotContain("store-a");
    }

    @Test
    void theInitialSettingsNeverOverwriteAnAdminsChoice() {
        governance.save("store-b", new TierSettings(false, List.of(), false, "mine", false), SAM);
        assertThat(governance.saveIfAbsent("store-b", new TierSettings(true, List.of("x"), false, "", false), "cfg"))
                .isFalse();
        assertThat(governance.settings("store-b").purpose()).isEqualTo("mine");
    }

    @Test
    void theDatabaseRefusesALockedTierWithoutOwners() {
        assertThatThrownBy(() -> governance.save("store-c", new TierSettings(true, List.of(), false, "", false), SAM))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void guardrailVersionsRoundTripAndAreListedNewestFirst() {
        int before = guardrails.current().version();
        GuardrailRules changed = new GuardrailRules(
                new GuardrailRules.EgressCidrs(true, Severity.REQUIRE_APPROVAL, List.of("10.0.0.0/8")),
                GuardrailRules.DEFAULTS.ingressFromAllNamespaces(),
                GuardrailRules.DEFAULTS.peerNamespaces(),
                GuardrailRules.DEFAULTS.protocolsAndPorts(),
                new GuardrailRules.RequiredLabels(true, Severity.BLOCK, List.of("owner")),
                new GuardrailRules.MaxRules(false, Severity.BLOCK, 7),
                GuardrailRules.DEFAULTS.passAndLog());
        GuardrailVersion saved = guardrails.save(changed, SAM, "round trip", null);
        assertThat(saved.version()).isEqualTo(before + 1);
        assertThat(guardrails.current().rules()).isEqualTo(changed);
        assertThat(guardrails.history().getFirst().comment()).isEqualTo("round trip");
        assertThat(guardrails.history())
                .extracting(GuardrailVersion::version)
                .isSortedAccordingTo((a, b) -> Integer.compare(b, a));
    }

    @Test
    void developersWritePoliciesOnlyInUnlockedDeveloperTiers() {
        CurrentUser viewer = new CurrentUser(
                "http://issuer", "vic", "viewer", "Vic Viewer", Set.of(Role.VIEWER), Set.of("tierdeck-viewers"));
        assertThat(permissions.allows(ALICE, Action.EDIT, Resource.policy("payments", "default")))
                .isTrue();
        assertThat(permissions.allows(ALICE, Action.EDIT, Resource.policy("payments", "security")))
                .isFalse();
        assertThat(permissions.allows(viewer, Action.EDIT, Resource.policy("payments", "default")))
                .isFalse();
        assertThat(permissions.allows(SAM, Action.EDIT, Resource.policy("payments", "security")))
                .isTrue();
        assertThat(permissions.allows(ADA, Action.EDIT, Resource.policy("payments", "security")))
                .isFalse();

        governance.save("store-d", new TierSettings(true, List.of("tierdeck-security-admins"), true, "", false), SAM);
        assertThat(permissions.allows(ALICE, Action.EDIT, Resource.policy("payments", "store-d")))
                .isFalse();
    }
}
