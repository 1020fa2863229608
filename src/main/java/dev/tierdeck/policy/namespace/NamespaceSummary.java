package dev.tierdeck.policy.namespace;

/**
 * One line of "my namespaces".
 *
 * @param inCluster the namespace exists in the cluster (a team may own one that is not created yet)
 * @param workloads workloads (pods grouped by owner)
 * @param pods pods
 * @param managedPolicies drafts the portal manages here, in any state
 * @param enforcedPolicies NetworkPolicies and Kubernetes NetworkPolicies of the namespace in force in the cluster
 * @param writable the user may write policies here
 */
public record NamespaceSummary(
        String name,
        boolean inCluster,
        int workloads,
        int pods,
        int managedPolicies,
        int enforcedPolicies,
        boolean writable) {}
