package dev.tierdeck.promotion;

import dev.tierdeck.assertion.DraftAssertions;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyProblem;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The assertions a draft would make fail, as blocking problems at the draft's rule that causes each: checked again
 * when the draft is staged and when it is promoted, since the cluster and the assertions may have changed since the
 * preview.
 */
@Component
class AssertionProblems {

    private final DraftAssertions assertions;

    AssertionProblems(DraftAssertions assertions) {
        this.assertions = assertions;
    }

    List<PolicyProblem> of(CurrentUser user, PolicyDraft draft) {
        return assertions.blocking(user, draft.policy()).stream()
                .map(f -> new PolicyProblem(f.field(), f.message(), null, true))
                .toList();
    }
}
