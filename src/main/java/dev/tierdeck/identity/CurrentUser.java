package dev.tierdeck.identity;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The signed-in person as the portal sees them for one request.
 *
 * @param issuer the OIDC issuer that vouched for them (with {@code subject}, the stable identity for audit records)
 * @param subject the issuer's subject ({@code sub})
 * @param username the login name ({@code preferred_username}, or the subject when the issuer sends none)
 * @param displayName a human name ({@code name}, or the username)
 * @param roles the portal roles mapped from allow-listed groups; never null, possibly empty
 * @param groups every group of the groups claim, including team groups that {@code tenancy} maps to namespaces
 */
public record CurrentUser(
        String issuer, String subject, String username, String displayName, Set<Role> roles, Set<String> groups) {

    public CurrentUser {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        groups = Set.copyOf(groups);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(Set<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    /** Platform admin or security admin. */
    public boolean isAdmin() {
        return roles.stream().anyMatch(Role::isAdmin);
    }

    /** Roles in their declaration order (most privileged first), for display and the API. */
    public List<Role> sortedRoles() {
        return roles.stream().sorted().toList();
    }
}
