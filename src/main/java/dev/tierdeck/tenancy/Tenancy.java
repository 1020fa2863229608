package dev.tierdeck.tenancy;

import dev.tierdeck.identity.CurrentUser;
import java.util.Set;

/**
 * Which namespaces a user may work in, from the member groups of their teams (by default {@code team-<team>}).
 * Answered afresh on every call from the teams in PostgreSQL, never cached in the session, so that a change takes
 * effect on the user's next request. A team owns namespaces by exact name or by glob ({@code payments-*}). These are
 * facts about membership; whether the user may do something with them is {@link Permissions}' answer.
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
}
