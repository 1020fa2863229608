package dev.tierdeck.cluster.web;

import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ClusterStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the cluster's state into every view model, so the layout can show the {@code cluster/banner} fragment
 * (read-only mode, stale data, Calico API missing). Reading it is a cache lookup, not an API call.
 */
@ControllerAdvice
class ClusterStatusAdvice {

    private final ObjectProvider<ClusterReader> cluster;

    /** Tolerates a context without the gateway (other modules' web slices load this advice too). */
    ClusterStatusAdvice(ObjectProvider<ClusterReader> cluster) {
        this.cluster = cluster;
    }

    @ModelAttribute("clusterStatus")
    @Nullable
    ClusterStatus clusterStatus() {
        ClusterReader reader = cluster.getIfAvailable();
        return reader == null ? null : reader.status();
    }
}
