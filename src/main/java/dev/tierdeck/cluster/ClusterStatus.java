package dev.tierdeck.cluster;

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
 */
public record ClusterStatus(
        boolean connected,
        CalicoApiMode calicoApiMode,
        String calicoVersion,
        int namespaces,
        int pods,
        boolean stale,
        boolean readOnly,
        boolean demo) {}
