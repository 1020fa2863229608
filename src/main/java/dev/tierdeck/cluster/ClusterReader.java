package dev.tierdeck.cluster;

import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Engine;
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

    /**
     * The cluster compiled for evaluation, kept current as the cluster changes (derived per change, never compiled
     * per call by the watch cache); its {@code state()} is the state it was compiled from. This default compiles on
     * each call, for readers without a cache.
     *
     * @throws ClusterUnavailableException while the first load of the cluster is under way
     */
    default CompiledCluster compiled() {
        return Engine.compile(decoded().state());
    }
}
