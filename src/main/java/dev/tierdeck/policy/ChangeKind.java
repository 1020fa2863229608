package dev.tierdeck.policy;

/**
 * What the draft's pending change does to the cluster. Approvers see it, the audit trail names it, and the loosening
 * guardrail decides by it: withdrawals and rollbacks of a policy an approver accepted are reviewed by default.
 */
public enum ChangeKind {
    /** New content, written in the editor or through the API. */
    EDIT("change"),
    /** A policy in force that was written outside Tierdeck, taken over as a managed draft. */
    ADOPTION("adoption"),
    /** The content of an earlier version, put back as the draft. */
    ROLLBACK("rollback"),
    /** Taking the enforced policy out of the cluster. */
    WITHDRAWAL("withdrawal");

    private final String words;

    ChangeKind(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
