package dev.tierdeck.cluster;

import java.util.List;

/**
 * The outcome of promoting one staged policy (calico-semantics.md §4.2): the enforced object created, replaced or
 * deleted, then the staged object removed.
 */
public record PromotionResult(String promotionId, WriteOutcome enforced, WriteOutcome stagedRemoval) {

    public List<WriteOutcome> outcomes() {
        return List.of(enforced, stagedRemoval);
    }

    /** False while the reconciler still has to settle a step. */
    public boolean settled() {
        return outcomes().stream().noneMatch(o -> o.change() == WriteOutcome.Change.PENDING);
    }
}
