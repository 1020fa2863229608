package dev.tierdeck.recommendation;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import dev.tierdeck.tenancy.Tenancy;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may ask for a suggestion and turn it into drafts, checked on the server for every request. A suggestion shows a
 * namespace's traffic, so it is for admins and the teams that own the namespace, as the impact preview is; saving it
 * as drafts needs a developer of the team or an admin (the drafts' own checks run again when they are saved). All
 * access questions of this module go through here.
 */
@Component
class RecommendationAccess {

    private final Tenancy tenancy;

    RecommendationAccess(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    boolean mayWrite(CurrentUser user, String namespace) {
        return user.isAdmin() || (user.hasRole(Role.DEVELOPER) && tenancy.mayUse(user, namespace));
    }

    /** @throws AccessDeniedException naming the namespace */
    void requireMaySee(CurrentUser user, String namespace) {
        if (!user.isAdmin() && !tenancy.mayUse(user, namespace)) {
            throw new AccessDeniedException("The namespace " + namespace + " does not belong to any of your teams.");
        }
    }

    /** @throws AccessDeniedException naming the namespace */
    void requireMayWrite(CurrentUser user, String namespace) {
        requireMaySee(user, namespace);
        if (!mayWrite(user, namespace)) {
            throw new AccessDeniedException(
                    "Only the namespace's developers and admins may save a suggestion as drafts.");
        }
    }
}
