package dev.tierdeck.cluster;

/** The object (or its kind) does not exist on the cluster (404). */
public final class ClusterNotFoundException extends ClusterException {

    private final ObjectRef ref;

    public ClusterNotFoundException(ObjectRef ref, String message) {
        super(message);
        this.ref = ref;
    }

    public ObjectRef ref() {
        return ref;
    }
}
