package dev.tierdeck.flow;

/**
 * The kind of a policy hit in a flow trace, named as Goldmane and Whisker name them (calico-semantics §4.4):
 * {@code CalicoNetworkPolicy} is Calico's namespaced NetworkPolicy, {@code NetworkPolicy} is Kubernetes'.
 */
public enum PolicyHitKind {
    CalicoNetworkPolicy,
    GlobalNetworkPolicy,
    StagedNetworkPolicy,
    StagedGlobalNetworkPolicy,
    StagedKubernetesNetworkPolicy,
    NetworkPolicy,
    ClusterNetworkPolicy,
    Profile,
    EndOfTier
}
