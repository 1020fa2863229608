package dev.tierdeck.cluster;

/**
 * Reads the cluster from the watch cache: no request to the API server per call. Reads are made with the portal's own
 * ServiceAccount; what a user may see is filtered by the calling module.
 */
public interface ClusterReader {

    ClusterStatus status();

    /** A consistent copy of the cache; check {@link ClusterSnapshot#stale()} before trusting it for a decision. */
    ClusterSnapshot snapshot();
}
