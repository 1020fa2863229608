package dev.tierdeck.cluster;

import org.jspecify.annotations.Nullable;

/**
 * Someone changed the object since it was previewed (409): preview again. {@link #diff()} compares the object the
 * caller expected with what is on the cluster now.
 */
public final class ClusterConflictException extends ClusterException {

    private final ObjectRef ref;
    private final @Nullable String currentResourceVersion;
    private final ObjectDiff diff;

    public ClusterConflictException(
            ObjectRef ref, String message, @Nullable String currentResourceVersion, ObjectDiff diff) {
        super(message);
        this.ref = ref;
        this.currentResourceVersion = currentResourceVersion;
        this.diff = diff;
    }

    public ObjectRef ref() {
        return ref;
    }

    /** The resourceVersion on the cluster now, or null when the object no longer exists. */
    public @Nullable String currentResourceVersion() {
        return currentResourceVersion;
    }

    public ObjectDiff diff() {
        return diff;
    }
}
