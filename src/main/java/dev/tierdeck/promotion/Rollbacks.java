package dev.tierdeck.promotion;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.tenancy.Action;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Roll back to version N: saves that version's content as the draft, audited as a rollback with the requester's
 * reason. Nothing changes in the cluster until the draft is staged, previewed and promoted like any other change:
 * the same checks apply, the loosening guardrail among them, and an approver is asked again unless an approver
 * accepted that very content and the guardrails still find what they found then.
 */
@Component
class Rollbacks {

    private final PolicyLookup access;
    private final PolicyDrafts drafts;

    Rollbacks(PolicyLookup access, PolicyDrafts drafts) {
        this.access = access;
        this.drafts = drafts;
    }

    PolicyDraft rollBack(CurrentUser user, PolicyRef ref, int version, @Nullable String reason) {
        PolicyDraft draft = access.require(user, ref, Action.WITHDRAW);
        if (drafts.version(ref, version).isEmpty()) {
            throw new PromotionProblem(HttpStatus.NOT_FOUND, ref + " has no version " + version + ".");
        }
        return drafts.rollBack(user, ref, version, draft.revision(), reason == null ? "" : reason);
    }
}
