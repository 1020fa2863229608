package dev.tierdeck.system;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * An entry of the portal's navigation. A module that adds a screen declares one as a bean; the layout shows it
 * to users holding one of {@code roles}, grouped by {@code section} and sorted by {@code order}. Only screens
 * that exist get a link.
 *
 * @param section where the link appears
 * @param label the link text
 * @param path the portal path it leads to, e.g. {@code /tiers}; also marks the link current on that path
 * @param roles who sees it; never empty
 * @param order position within the section, lowest first
 * @param condition a further test for links that depend on more than a role (approver of some team, say); it runs
 *     on every page, so it must be cheap
 * @param waiting how many items wait there for the user (approvals to decide, say), shown beside the link when more
 *     than 0; it runs on every page too
 */
public record NavigationLink(
        Section section,
        String label,
        String path,
        Set<Role> roles,
        int order,
        Predicate<CurrentUser> condition,
        ToIntFunction<CurrentUser> waiting) {

    /** A link every holder of one of {@code roles} sees. */
    public NavigationLink(Section section, String label, String path, Set<Role> roles, int order) {
        this(section, label, path, roles, order, user -> true);
    }

    /** A link without a count. */
    public NavigationLink(
            Section section, String label, String path, Set<Role> roles, int order, Predicate<CurrentUser> condition) {
        this(section, label, path, roles, order, condition, user -> 0);
    }

    public NavigationLink {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("navigation link " + label + " must name the roles that see it");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("navigation link " + label + " needs a portal path, got " + path);
        }
        roles = Set.copyOf(roles);
    }

    public boolean visibleTo(CurrentUser user) {
        return user.hasAnyRole(roles) && condition.test(user);
    }

    /** The navigation's groups, in the order they are shown. */
    public enum Section {
        /** Everyone: flows, the cluster. */
        OVERVIEW("Overview"),
        /** Developers: their namespaces, explaining a flow. */
        WORK("My work"),
        /** Admins: tiers, guardrails, teams, approvals, audit, drift. */
        ADMINISTRATION("Administration");

        private final String title;

        Section(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }
}
