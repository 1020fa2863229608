package dev.tierdeck.exception;

/** Where an exception stands. Renewal is a new request: an exception never goes back to {@link #ACTIVE}. */
public enum ExceptionState {
    /** Asked for, waiting for an owner of the tier. */
    PENDING,
    /** Granted: its policy is in the tier until it expires or is revoked. */
    ACTIVE,
    /** An owner said no, with a reason. */
    REJECTED,
    /** Its time ran out; its policy is removed (or its removal is still owed while the cluster cannot be reached). */
    EXPIRED,
    /** Taken back before its time; its policy is removed like an expired one's. */
    REVOKED;

    /** Whether the exception's policy was written and must be taken off the cluster. */
    boolean owesRemoval() {
        return this == EXPIRED || this == REVOKED;
    }
}
