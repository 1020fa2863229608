package dev.tierdeck.promotion;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.tenancy.Tenancy;
import dev.tierdeck.tier.TierGovernance;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The checks every promotion route makes on the server before anything else: namespace ownership (admins see every
 * namespace, developers their teams' only, viewers read), and tier governance for every change (locked tiers by
 * their owners only, developers in unlocked developer tiers only). Asked afresh on each request.
 */
@Component
class PolicyAccess {

    private final Tenancy tenancy;
    private final TierGovernance governance;
    private final PolicyDrafts drafts;

    PolicyAccess(Tenancy tenancy, TierGovernance governance, PolicyDrafts drafts) {
        this.tenancy = tenancy;
        this.governance = governance;
        this.drafts = drafts;
    }

    boolean mayRead(CurrentUser user, PolicyRef ref) {
        if (user.isAdmin() || user.hasRole(Role.VIEWER)) {
            return true;
        }
        return ref.namespace() != null && user.hasRole(Role.DEVELOPER) && tenancy.mayUse(user, ref.namespace());
    }

    boolean mayWrite(CurrentUser user, PolicyDraft draft) {
        PolicyRef ref = draft.ref();
        boolean scope = ref.isGlobal()
                ? user.isAdmin()
                : user.isAdmin() || (user.hasRole(Role.DEVELOPER) && tenancy.mayUse(user, ref.namespace()));
        return scope && governance.mayWritePolicies(user, draft.tier());
    }

    /**
     * Whether {@code user} may read the policy's content (YAML, diffs): everyone who may read it, except that the
     * policies of a confidential tier are summarised to non-admins, never shown.
     */
    boolean mayReadContent(CurrentUser user, PolicyDraft draft) {
        return user.isAdmin() || !governance.settings(draft.tier()).confidential();
    }

    /** The draft, for reading; 403 before 404 so that another team cannot probe which names exist. */
    PolicyDraft readable(CurrentUser user, PolicyRef ref) {
        if (!mayRead(user, ref)) {
            throw denied(ref);
        }
        return drafts.find(ref).orElseThrow(() -> PromotionProblem.notFound(ref));
    }

    /** The draft, for changing it: ownership and tier governance both hold. */
    PolicyDraft writable(CurrentUser user, PolicyRef ref) {
        if (!mayRead(user, ref)) {
            throw denied(ref);
        }
        PolicyDraft draft = drafts.find(ref).orElseThrow(() -> PromotionProblem.notFound(ref));
        if (!mayWrite(user, draft)) {
            throw new AccessDeniedException("You may not change " + ref + ": "
                    + (governance.isLocked(draft.tier())
                            ? "the tier " + draft.tier() + " is locked to its owners."
                            : "you may only change policies of your own namespaces, in developer tiers."));
        }
        return draft;
    }

    boolean mayApprove(CurrentUser user, Approval approval) {
        return tenancy.mayApprove(user, approval.ref().namespace());
    }

    private static AccessDeniedException denied(PolicyRef ref) {
        return new AccessDeniedException(
                ref.isGlobal()
                        ? "Only platform and security admins work on global policies."
                        : "The namespace " + ref.namespace() + " belongs to another team.");
    }
}
