package dev.tierdeck.engine.model;

/** Anything a {@link ClusterState} holds. */
public sealed interface ClusterObject
        permits Tier,
                CalicoPolicy,
                KubernetesNetworkPolicy,
                ClusterNetworkPolicy,
                NetworkSet,
                GlobalNetworkSet,
                Namespace,
                Pod,
                ServiceAccount {

    ObjectKey key();
}
