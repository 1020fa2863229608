package dev.tierdeck.policy.store;

import dev.tierdeck.policy.PolicyConflictException;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyRef;

/** The store's guards: a stale revision, a draft that is gone. Which state may follow which is the draft's rule. */
final class Conflicts {

    private Conflicts() {}

    static void checkRevision(PolicyDraft draft, long expected) {
        if (draft.revision() != expected) {
            throw new PolicyConflictException("The policy " + draft.ref() + " changed since you read it (you had"
                    + " revision " + expected + ", it is now at " + draft.revision() + " and "
                    + draft.state().words() + "); reload it and try again.");
        }
    }

    static PolicyConflictException gone(PolicyRef ref) {
        return new PolicyConflictException(
                "The policy " + ref + " does not exist (it may have been deleted); reload and try again.");
    }
}
