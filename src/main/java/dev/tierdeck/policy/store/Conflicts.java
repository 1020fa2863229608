package dev.tierdeck.policy.store;

import dev.tierdeck.policy.PolicyConflictException;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyState;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/** The life cycle's guards: a stale revision, a transition out of the wrong state, a draft that is gone. */
final class Conflicts {

    private Conflicts() {}

    static void checkRevision(PolicyDraft draft, long expected) {
        if (draft.revision() != expected) {
            throw new PolicyConflictException("The policy " + draft.ref() + " changed since you read it (you had"
                    + " revision " + expected + ", it is now at " + draft.revision() + " and "
                    + words(draft.state()) + "); reload it and try again.");
        }
    }

    /** @param what the transition, e.g. {@code be staged} */
    static void requireState(PolicyDraft draft, String what, PolicyState... allowed) {
        if (!Set.of(allowed).contains(draft.state())) {
            throw new PolicyConflictException("The policy " + draft.ref() + " cannot " + what + " while it is "
                    + words(draft.state()) + "; only while it is "
                    + String.join(
                            " or ", Arrays.stream(allowed).map(Conflicts::words).toList()) + ".");
        }
    }

    static PolicyConflictException gone(PolicyRef ref) {
        return new PolicyConflictException(
                "The policy " + ref + " does not exist (it may have been deleted); reload and try again.");
    }

    static String words(PolicyState state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
