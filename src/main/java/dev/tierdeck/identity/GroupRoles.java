package dev.tierdeck.identity;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps the groups claim to portal roles through the allow-list of {@code tierdeck.identity.role-groups}. Only
 * exact names on the list count; every other group gives nothing.
 */
final class GroupRoles {

    private final String groupsClaim;
    private final Map<String, Role> allowList;

    GroupRoles(String groupsClaim, Map<String, Role> allowList) {
        this.groupsClaim = groupsClaim;
        this.allowList = Map.copyOf(allowList);
    }

    String groupsClaim() {
        return groupsClaim;
    }

    Set<Role> rolesOf(Collection<String> groups) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String group : groups) {
            Role role = allowList.get(group);
            if (role != null) {
                roles.add(role);
            }
        }
        return roles;
    }

    /**
     * The groups in a token's claims. Issuers send a list, sometimes a single string; Keycloak's group mapper
     * may send full paths ({@code /team-payments}), so one leading slash is dropped. Anything else is ignored.
     */
    Set<String> groupsIn(Map<String, ? extends @Nullable Object> claims) {
        Object value = claims.get(groupsClaim);
        Set<String> groups = new LinkedHashSet<>();
        if (value instanceof Collection<?> collection) {
            for (Object item : collection) {
                if (item instanceof String group) {
                    groups.add(normalised(group));
                }
            }
        } else if (value instanceof String group) {
            groups.add(normalised(group));
        }
        groups.remove("");
        return groups;
    }

    private static String normalised(String group) {
        String trimmed = group.trim();
        return trimmed.startsWith("/") ? trimmed.substring(1) : trimmed;
    }
}
