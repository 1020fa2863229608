package dev.tierdeck.preview;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.tenancy.Tenancy;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may preview a policy, checked on the server before the draft is even looked up: a namespace's policies by
 * admins and the teams that own the namespace; global policies, whose preview replays every namespace's flows, by
 * admins only.
 */
@Component
class PreviewAccess {

    private final Tenancy tenancy;

    PreviewAccess(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    void requireMaySee(CurrentUser user, PolicyRef ref) {
        if (user.isAdmin()) {
            return;
        }
        if (ref.isGlobal()) {
            throw new AccessDeniedException(
                    "Only platform and security admins may preview global policies: their preview replays the flows of"
                            + " every namespace.");
        }
        if (!tenancy.mayUse(user, ref.namespace())) {
            throw new AccessDeniedException("You may not see the namespace " + ref.namespace() + ".");
        }
    }
}
