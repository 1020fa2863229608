package dev.tierdeck.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupRolesTest {

    private final GroupRoles groupRoles = new GroupRoles(
            "groups",
            Map.of(
                    "tierdeck-platform-admins", Role.PLATFORM_ADMIN,
                    "tierdeck-security-admins", Role.SECURITY_ADMIN,
                    "tierdeck-developers", Role.DEVELOPER,
                    "tierdeck-viewers", Role.VIEWER));

    @Test
    void allowListedGroupsGiveTheirRoles() {
        assertThat(groupRoles.rolesOf(List.of("tierdeck-developers", "tierdeck-viewers")))
                .containsExactlyInAnyOrder(Role.DEVELOPER, Role.VIEWER);
    }

    @Test
    void unknownGroupsGiveNothing() {
        assertThat(groupRoles.rolesOf(List.of("admins", "tierdeck-admins", "ROLE_PLATFORM_ADMIN", "platform-admin")))
                .isEmpty();
    }

    @Test
    void groupNamesMatchExactlyIncludingCase() {
        assertThat(groupRoles.rolesOf(List.of("TIERDECK-DEVELOPERS", " tierdeck-developers2", "tierdeck-developer")))
                .isEmpty();
    }

    @Test
    void teamGroupsAreNotRoles() {
        assertThat(groupRoles.rolesOf(List.of("team-payments"))).isEmpty();
    }

    @Test
    void readsAListOfGroupsFromTheConfiguredClaim() {
        assertThat(groupRoles.groupsIn(Map.of("groups", List.of("tierdeck-developers", "team-payments"))))
                .containsExactly("tierdeck-developers", "team-payments");
    }

    @Test
    void readsASingleGroupSentAsAString() {
        assertThat(groupRoles.groupsIn(Map.of("groups", "tierdeck-viewers"))).containsExactly("tierdeck-viewers");
    }

    @Test
    void dropsTheLeadingSlashOfGroupPaths() {
        assertThat(groupRoles.groupsIn(Map.of("groups", List.of("/tierdeck-developers"))))
                .containsExactly("tierdeck-developers");
    }

    @Test
    void ignoresOtherClaimsAndNonTextGroups() {
        assertThat(groupRoles.groupsIn(Map.of("roles", List.of("tierdeck-developers"))))
                .isEmpty();
        assertThat(groupRoles.groupsIn(Map.of("groups", List.of(42, Map.of("name", "x"), ""))))
                .isEmpty();
    }

    @Test
    void usesTheConfiguredClaimName() {
        GroupRoles keycloak = new GroupRoles("memberOf", Map.of("tierdeck-viewers", Role.VIEWER));
        assertThat(keycloak.rolesOf(keycloak.groupsIn(Map.of("memberOf", List.of("tierdeck-viewers")))))
                .containsExactly(Role.VIEWER);
    }
}
