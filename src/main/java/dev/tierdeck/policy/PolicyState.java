package dev.tierdeck.policy;

/** Where a managed policy stands in its life: written, tried in the cluster, waiting for an approver, or in force. */
public enum PolicyState {
    /** Saved in the portal only; nothing in the cluster. */
    DRAFT,
    /** Written to the cluster as the staged kind: Calico reports pending verdicts for it, it enforces nothing. */
    STAGED,
    /** Staged, and a guardrail requires an approver before it may be promoted. */
    AWAITING_APPROVAL,
    /** An approver turned the change down; it stays staged until edited or deleted. */
    REJECTED,
    /** Promoted: the enforced policy in the cluster is this draft's content. */
    ENFORCED
}
