package dev.tierdeck.cluster;

import dev.tierdeck.engine.manifest.Manifests;

/**
 * Reads the cluster from the watch cache: no request to the API server per call. Reads are made with the portal's own
 * ServiceAccount; what a user may see is filtered by the calling module.
 */
public interface ClusterReader {

    ClusterStatus status();

    /** A consistent copy of the cache; check {@link ClusterSnapshot#stale()} before trusting it for a decision. */
    ClusterSnapshot snapshot();

    /**
     * The snapshot decoded into engine model objects ({@link Manifests#state()} gives the {@code ClusterState}),
     * with the decoder's errors and warnings. Decoded once per cache change.
     */
    Manifests decoded();
}
