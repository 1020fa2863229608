package dev.tierdeck.policy;

/** Everything that moves a managed policy through its life; {@link PolicyDraft#refusal} says which apply when. */
public enum PolicyAction {
    /** Save new content (an edit, or the first save of a draft). */
    SAVE,
    /** Save an earlier version's content as the draft. */
    ROLL_BACK,
    /** Write the draft to the cluster as the staged kind. */
    STAGE,
    /** Send the staged change to an approver. */
    REQUEST_APPROVAL,
    /** An approver accepts the change waiting for one. */
    APPROVE,
    /** An approver turns it down. */
    REJECT,
    /** Put the staged (and, where needed, approved) change in force. */
    PROMOTE,
    /** Ask an approver to let the enforced policy be withdrawn. */
    REQUEST_WITHDRAWAL,
    /** Take the enforced policy out of the cluster: directly, or once its withdrawal was approved. */
    WITHDRAW,
    /** Forget a draft that has nothing in force. */
    DISCARD
}
