package dev.tierdeck.recommendation;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may ask for a suggestion and turn it into drafts, decided by the portal's one permission model for every
 * request. A suggestion replays a namespace's traffic, so it needs what an impact preview needs; saving it as drafts
 * needs what editing a policy of the namespace needs (the drafts' own checks run again when they are saved).
 */
@Component
class RecommendationAccess {

    private final Permissions permissions;

    RecommendationAccess(Permissions permissions) {
        this.permissions = permissions;
    }

    boolean mayWrite(CurrentUser user, String namespace) {
        return permissions.allows(user, Action.EDIT, Resource.namespace(namespace));
    }

    /** @throws AccessDeniedException naming why */
    void requireMaySee(CurrentUser user, String namespace) {
        permissions.require(user, Action.PREVIEW, Resource.namespace(namespace));
    }

    /** @throws AccessDeniedException naming why */
    void requireMayWrite(CurrentUser user, String namespace) {
        requireMaySee(user, namespace);
        permissions.require(user, Action.EDIT, Resource.namespace(namespace));
    }
}
