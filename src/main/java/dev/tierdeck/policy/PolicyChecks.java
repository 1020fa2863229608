package dev.tierdeck.policy;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.identity.CurrentUser;
import java.util.List;

/**
 * Everything the server checks before a policy may be saved, staged or promoted, for the live editor and the API
 * alike: Calico's own validation, tier governance (locked tiers, developer tiers), namespace ownership and the
 * guardrails. Blocking problems stop the change; the others make it need an approver.
 */
public interface PolicyChecks {

    List<PolicyProblem> check(CurrentUser user, CalicoPolicy policy);

    static boolean blocks(List<PolicyProblem> problems) {
        return problems.stream().anyMatch(PolicyProblem::blocking);
    }

    static boolean needsApproval(List<PolicyProblem> problems) {
        return !blocks(problems) && !problems.isEmpty();
    }
}
