package dev.tierdeck.cluster;

import org.jspecify.annotations.Nullable;

/**
 * What one write did.
 *
 * @param ref the object written
 * @param change what happened to it
 * @param resourceVersion the object's resourceVersion afterwards (null when deleted or pending)
 */
public record WriteOutcome(
        ObjectRef ref, Change change, @Nullable String resourceVersion) {

    public enum Change {
        CREATED,
        REPLACED,
        DELETED,
        /** The cluster already held exactly this (idempotent re-apply). */
        UNCHANGED,
        /**
         * The request failed in a way that leaves its effect unknown (timeout, 5xx); the reconciler reads the object
         * back and completes or confirms it. Nothing is applied twice.
         */
        PENDING
    }

    public boolean changed() {
        return change == Change.CREATED || change == Change.REPLACED || change == Change.DELETED;
    }
}
