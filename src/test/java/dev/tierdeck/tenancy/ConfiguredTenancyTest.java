package dev.tierdeck.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfiguredTenancyTest {

    private final Tenancy tenancy = new ConfiguredTenancy(new TenancyProperties(
            "team-", Map.of("payments", List.of("payments", "checkout"), "catalog", List.of("catalog"))));

    @Test
    void aTeamMemberMayUseTheTeamsNamespaces() {
        CurrentUser alice = user("tierdeck-developers", "team-payments");

        assertThat(tenancy.teamsOf(alice)).containsExactly("payments");
        assertThat(tenancy.namespacesOf(alice)).containsExactly("checkout", "payments");
        assertThat(tenancy.mayUse(alice, "checkout")).isTrue();
        assertThat(tenancy.mayUse(alice, "catalog")).isFalse();
    }

    @Test
    void membersOfSeveralTeamsGetAllTheirNamespaces() {
        assertThat(tenancy.namespacesOf(user("team-payments", "team-catalog")))
                .containsExactly("catalog", "checkout", "payments");
    }

    @Test
    void rolesAloneGiveNoNamespace() {
        CurrentUser admin = user("tierdeck-platform-admins");

        assertThat(tenancy.namespacesOf(admin)).isEmpty();
        assertThat(tenancy.mayUse(admin, "payments")).isFalse();
    }

    @Test
    void aTeamWithoutConfiguredNamespacesOwnsNothing() {
        CurrentUser newcomer = user("team-search");

        assertThat(tenancy.teamsOf(newcomer)).containsExactly("search");
        assertThat(tenancy.namespacesOf(newcomer)).isEmpty();
    }

    @Test
    void theBarePrefixIsNoTeam() {
        assertThat(tenancy.teamsOf(user("team-"))).isEmpty();
    }

    private static CurrentUser user(String... groups) {
        return new CurrentUser("http://issuer", "sub", "someone", "Someone", Set.of(Role.DEVELOPER), Set.of(groups));
    }
}
