package dev.tierdeck.tier;

import dev.tierdeck.identity.CurrentUser;
import org.springframework.security.access.AccessDeniedException;

/** The role and ownership checks every tier and guardrail route makes on the server before anything else. */
final class AdminAccess {

    private AdminAccess() {}

    /** Only platform and security admins reach the admin console, for reading as for writing. */
    static void requireAdmin(CurrentUser user) {
        if (!user.isAdmin()) {
            throw new AccessDeniedException("Only platform and security admins may use the admin console.");
        }
    }

    /** A locked tier is changed by its owners only. */
    static void requireEditable(CurrentUser user, String tier, TierSettings settings) {
        requireAdmin(user);
        if (!TierGovernanceStore.mayEdit(user, settings)) {
            throw new AccessDeniedException("The tier " + tier + " is locked; only members of "
                    + String.join(", ", settings.owners()) + " may change it.");
        }
    }
}
