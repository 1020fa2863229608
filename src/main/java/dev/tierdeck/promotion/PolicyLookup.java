package dev.tierdeck.promotion;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import org.springframework.stereotype.Component;

/**
 * The draft a promotion route acts on, once {@link Permissions} allowed the action: first whether the user may see the
 * policy's namespace at all (so that 403 comes before 404 and another team cannot probe which names exist), then the
 * action on the policy in its tier. Asked afresh on each request.
 */
@Component
class PolicyLookup {

    private final Permissions permissions;
    private final PolicyDrafts drafts;

    PolicyLookup(Permissions permissions, PolicyDrafts drafts) {
        this.permissions = permissions;
        this.drafts = drafts;
    }

    /** @throws org.springframework.security.access.AccessDeniedException naming why, before the draft is looked up */
    PolicyDraft require(CurrentUser user, PolicyRef ref, Action action) {
        if (!ref.isGlobal()) {
            permissions.require(user, Action.READ, Resource.namespace(ref.namespace()));
        }
        PolicyDraft draft = drafts.find(ref).orElseThrow(() -> PromotionProblem.notFound(ref));
        permissions.require(user, action, Resource.policy(ref.namespace(), draft.tier()));
        return draft;
    }

    boolean allows(CurrentUser user, Action action, PolicyDraft draft) {
        return permissions.allows(user, action, Resource.policy(draft.ref().namespace(), draft.tier()));
    }
}
