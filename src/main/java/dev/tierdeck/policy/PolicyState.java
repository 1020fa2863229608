package dev.tierdeck.policy;

import java.util.Locale;

/**
 * Where a managed policy stands in its life. Which state may follow which is the draft's own rule
 * ({@link PolicyDraft#refusal(PolicyAction)}); the store only saves what the draft decided.
 */
public enum PolicyState {
    /** Saved in the portal only; the change is not in the cluster (an earlier version may still be in force). */
    DRAFT,
    /** Written to the cluster as the staged kind: Calico reports pending verdicts for it, it enforces nothing. */
    STAGED,
    /** The change (an edit, or a withdrawal) waits for an approver before it may be carried out. */
    AWAITING_APPROVAL,
    /** An approver accepted exactly this revision of the change; it may be promoted (or withdrawn) now. */
    APPROVED,
    /** An approver turned the change down; it stays as it is until edited, staged again or deleted. */
    REJECTED,
    /** Promoted: the enforced policy in the cluster is this draft's content. */
    ENFORCED,
    /** Taken out of the cluster; the draft and its versions are kept, so it can be edited or rolled back again. */
    WITHDRAWN;

    /** The state in words, as badges and messages say it: {@code awaiting approval}. */
    public String words() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
