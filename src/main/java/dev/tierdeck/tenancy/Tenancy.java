package dev.tierdeck.tenancy;

import dev.tierdeck.identity.CurrentUser;
import java.util.Set;

/**
 * Which namespaces a user may work in, from their team groups ({@code team-<team>}). Answered afresh on every
 * call from the current team-to-namespace mapping, never cached in the session, so that a change takes effect
 * on the user's next request.
 */
public interface Tenancy {

    /** The teams the user belongs to, by team name (group {@code team-payments} → team {@code payments}). */
    Set<String> teamsOf(CurrentUser user);

    /** Every namespace owned by one of the user's teams, sorted; empty when they are in no known team. */
    Set<String> namespacesOf(CurrentUser user);

    /** Whether one of the user's teams owns {@code namespace}. */
    default boolean mayUse(CurrentUser user, String namespace) {
        return namespacesOf(user).contains(namespace);
    }

    /**
     * Whether {@code user} may approve changes to policies of {@code namespace} (or global ones when null). Never
     * consulted for the user's own requests: nobody approves their own change.
     */
    default boolean mayApprove(CurrentUser user, @org.jspecify.annotations.Nullable String namespace) {
        return user.isAdmin();
    }
}
