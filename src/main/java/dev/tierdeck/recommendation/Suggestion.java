package dev.tierdeck.recommendation;

import dev.tierdeck.engine.recommend.Recommendation;
import dev.tierdeck.flow.TimeWindow;
import java.util.List;
import java.util.Set;

/**
 * A suggestion for one namespace with what the portal adds around the engine's answer.
 *
 * @param window the stored flows it was built from
 * @param unmapped stored flows of the window that could not be placed on the current cluster (their pods are gone)
 * @param unmappedReasons why, one sentence per reason
 * @param tiers the developer tiers one may choose from
 * @param workloads the namespace's workloads, for the form
 * @param writable whether the user may save it as drafts
 * @param confidentialTiers tiers whose policy names the user may not see (the tier is named, the policy not)
 */
record Suggestion(
        String namespace,
        Recommendation recommendation,
        TimeWindow window,
        int unmapped,
        List<String> unmappedReasons,
        List<String> tiers,
        List<String> workloads,
        boolean writable,
        Set<String> confidentialTiers) {

    Suggestion {
        unmappedReasons = List.copyOf(unmappedReasons);
        tiers = List.copyOf(tiers);
        workloads = List.copyOf(workloads);
        confidentialTiers = Set.copyOf(confidentialTiers);
    }
}
