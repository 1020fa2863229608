package dev.tierdeck.cluster;

import org.jspecify.annotations.Nullable;

/**
 * What the portal knows about its cluster connection right now.
 *
 * @param connected every watch is open and the last request reached the API server
 * @param calicoApiMode how {@code projectcalico.org/v3} is served
 * @param calicoVersion e.g. {@code v3.32.1}, or {@code unknown}
 * @param namespaces number of namespaces in the cache
 * @param pods number of pods in the cache
 * @param stale the cache may lag behind the cluster (a watch is down or never synced)
 * @param readOnly writes are refused for now (the API server is unreachable); show a banner
 * @param demo the cluster is Tierdeck's built-in demo cluster
 * @param loading the first load, while it is under way ({@code null} once the cluster is loaded)
 */
public record ClusterStatus(
        boolean connected,
        CalicoApiMode calicoApiMode,
        String calicoVersion,
        int namespaces,
        int pods,
        boolean stale,
        boolean readOnly,
        boolean demo,
        @Nullable ClusterLoading loading) {

    /** A status of a loaded cluster. */
    public ClusterStatus(
            boolean connected,
            CalicoApiMode calicoApiMode,
            String calicoVersion,
            int namespaces,
            int pods,
            boolean stale,
            boolean readOnly,
            boolean demo) {
        this(connected, calicoApiMode, calicoVersion, namespaces, pods, stale, readOnly, demo, null);
    }

    /** Whether the first load of the cluster is still under way. */
    public boolean isLoading() {
        return loading != null;
    }
}
