package dev.tierdeck.system;

/**
 * The state of the portal's connection to the cluster, for the home pages. Implemented by the module that
 * talks to the cluster; without an implementation the home pages say that no cluster is connected.
 */
public interface ClusterOverview {

    /** Called on every home page view: answer from recent knowledge or within a short timeout; never throw. */
    Connection connection();

    /**
     * @param source where the cluster comes from, e.g. {@code demo}, {@code in-cluster}, {@code kubeconfig}
     * @param server the API server address shown to admins
     * @param reachable whether the last contact succeeded
     * @param summary one sentence about the state, e.g. the Kubernetes version or the last error
     */
    record Connection(String source, String server, boolean reachable, String summary) {}
}
