package dev.tierdeck.tenancy;

import dev.tierdeck.identity.CurrentUser;
import java.util.Set;

/**
 * Which namespaces a user may work in, from the member groups of their teams (by default {@code team-<team>}).
 * Answered afresh on every call from the teams in PostgreSQL, never cached in the session, so that a change takes
 * effect on the user's next request. A team owns namespaces by exact name or by glob ({@code payments-*}).
 */
public interface Tenancy {

    /**
     * The teams the user belongs to, by team name: those with one of the user's groups among their member groups
     * (group {@code team-payments} → team {@code payments} unless an admin changed the team's groups).
     */
    Set<String> teamsOf(CurrentUser user);

    /**
     * Every namespace owned by one of the user's teams, sorted: exact names as written, globs expanded against the
     * cluster's namespaces; empty when they are in no known team.
     */
    Set<String> namespacesOf(CurrentUser user);

    /** Whether one of the user's teams owns {@code namespace} (by name or by glob). */
    default boolean mayUse(CurrentUser user, String namespace) {
        return namespacesOf(user).contains(namespace);
    }

    /**
     * Whether {@code user} may approve changes to policies of {@code namespace} (or global ones when null): admins
     * everywhere, members of a team's approver groups in that team's namespaces, global policies admins only. Never
     * consulted for the user's own requests: nobody approves their own change.
     */
    default boolean mayApprove(CurrentUser user, @org.jspecify.annotations.Nullable String namespace) {
        return user.isAdmin();
    }
}
