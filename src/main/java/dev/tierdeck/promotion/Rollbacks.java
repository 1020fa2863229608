package dev.tierdeck.promotion;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyVersion;
import dev.tierdeck.tenancy.Action;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Roll back to version N: saves that version's content as the draft. Nothing changes in the cluster until the draft
 * is staged, previewed and promoted like any other change (the same checks and approvals apply).
 */
@Component
class Rollbacks {

    private final PolicyLookup access;
    private final PolicyDrafts drafts;

    Rollbacks(PolicyLookup access, PolicyDrafts drafts) {
        this.access = access;
        this.drafts = drafts;
    }

    PolicyDraft rollBack(CurrentUser user, PolicyRef ref, int version) {
        PolicyDraft draft = access.require(user, ref, Action.WITHDRAW);
        PolicyVersion target = drafts.version(ref, version)
                .orElseThrow(
                        () -> new PromotionProblem(HttpStatus.NOT_FOUND, ref + " has no version " + version + "."));
        return drafts.save(user, target.policy(), draft.revision());
    }
}
