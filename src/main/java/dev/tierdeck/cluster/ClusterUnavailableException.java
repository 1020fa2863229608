package dev.tierdeck.cluster;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The API server could not be reached or failed (timeouts, 5xx, circuit open). The portal is read-only until it
 * recovers. Nothing was written when {@link #writeMayHaveHappened()} is false; otherwise the reconciler settles the
 * outcome by reading the object back. Also thrown while the first load of the cluster is under way. Where no module
 * maps it, a request that meets it answers 503 (the portal is up, the cluster is not there yet), never 500.
 */
@ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
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
