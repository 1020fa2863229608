package dev.tierdeck.cluster;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every Kubernetes kind Tierdeck reads or writes (calico-semantics.md §1.1: the Calico kinds are always addressed
 * through {@code projectcalico.org/v3}, never through the {@code crd.projectcalico.org/v1} storage CRDs).
 */
public enum ClusterKind {
    NAMESPACE("", "v1", "Namespace", "namespaces", false),
    POD("", "v1", "Pod", "pods", true),
    SERVICE_ACCOUNT("", "v1", "ServiceAccount", "serviceaccounts", true),
    TIER("projectcalico.org", "v3", "Tier", "tiers", false),
    CALICO_NETWORK_POLICY("projectcalico.org", "v3", "NetworkPolicy", "networkpolicies", true),
    GLOBAL_NETWORK_POLICY("projectcalico.org", "v3", "GlobalNetworkPolicy", "globalnetworkpolicies", false),
    STAGED_NETWORK_POLICY("projectcalico.org", "v3", "StagedNetworkPolicy", "stagednetworkpolicies", true),
    STAGED_GLOBAL_NETWORK_POLICY(
            "projectcalico.org", "v3", "StagedGlobalNetworkPolicy", "stagedglobalnetworkpolicies", false),
    STAGED_KUBERNETES_NETWORK_POLICY(
            "projectcalico.org", "v3", "StagedKubernetesNetworkPolicy", "stagedkubernetesnetworkpolicies", true),
    NETWORK_SET("projectcalico.org", "v3", "NetworkSet", "networksets", true),
    GLOBAL_NETWORK_SET("projectcalico.org", "v3", "GlobalNetworkSet", "globalnetworksets", false),
    KUBERNETES_NETWORK_POLICY("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true),
    CLUSTER_NETWORK_POLICY(
            "policy.networking.k8s.io", "v1alpha2", "ClusterNetworkPolicy", "clusternetworkpolicies", false),
    /** Read once for the Calico version; not part of the snapshot. */
    CLUSTER_INFORMATION("projectcalico.org", "v3", "ClusterInformation", "clusterinformations", false);

    private final String group;
    private final String version;
    private final String kind;
    private final String plural;
    private final boolean namespaced;

    ClusterKind(String group, String version, String kind, String plural, boolean namespaced) {
        this.group = group;
        this.version = version;
        this.kind = kind;
        this.plural = plural;
        this.namespaced = namespaced;
    }

    public String group() {
        return group;
    }

    public String version() {
        return version;
    }

    public String kind() {
        return kind;
    }

    public String plural() {
        return plural;
    }

    public boolean namespaced() {
        return namespaced;
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** Whether this is one of the Calico {@code projectcalico.org/v3} kinds. */
    public boolean calico() {
        return group.equals("projectcalico.org");
    }

    /** The kinds the cache keeps current (everything but ClusterInformation). */
    public boolean watched() {
        return this != CLUSTER_INFORMATION;
    }

    /** Policy kinds: the ones a promotion may create, replace or delete. */
    public boolean policy() {
        return switch (this) {
            case CALICO_NETWORK_POLICY,
                    GLOBAL_NETWORK_POLICY,
                    STAGED_NETWORK_POLICY,
                    STAGED_GLOBAL_NETWORK_POLICY,
                    STAGED_KUBERNETES_NETWORK_POLICY,
                    KUBERNETES_NETWORK_POLICY -> true;
            default -> false;
        };
    }

    public static Optional<ClusterKind> of(String apiVersion, String kind) {
        return Arrays.stream(values())
                .filter(k -> k.apiVersion().equals(apiVersion) && k.kind.equals(kind))
                .findFirst();
    }
}
