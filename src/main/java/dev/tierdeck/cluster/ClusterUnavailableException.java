package dev.tierdeck.cluster;

/**
 * The API server could not be reached or failed (timeouts, 5xx, circuit open). The portal is read-only until it
 * recovers. Nothing was written when {@link #writeMayHaveHappened()} is false; otherwise the reconciler settles the
 * outcome by reading the object back.
 */
public final class ClusterUnavailableException extends ClusterException {

    private final boolean writeMayHaveHappened;

    public ClusterUnavailableException(String message, boolean writeMayHaveHappened) {
        super(message);
        this.writeMayHaveHappened = writeMayHaveHappened;
    }

    public boolean writeMayHaveHappened() {
        return writeMayHaveHappened;
    }
}
