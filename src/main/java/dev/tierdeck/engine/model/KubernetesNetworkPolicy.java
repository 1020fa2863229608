package dev.tierdeck.engine.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@code networking.k8s.io/v1} NetworkPolicy, or (with {@code staged}) a Calico
 * StagedKubernetesNetworkPolicy. {@code policyTypes == null} means omitted.
 */
public record KubernetesNetworkPolicy(
        String namespace,
        String name,
        boolean staged,
        @Nullable StagedAction stagedAction,
        LabelSelector podSelector,
        @Nullable List<PolicyType> policyTypes,
        List<KubernetesRule> ingress,
        List<KubernetesRule> egress)
        implements ClusterObject {

    public KubernetesNetworkPolicy {
        policyTypes = policyTypes == null ? null : List.copyOf(policyTypes);
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }

    public PolicyKind kind() {
        return staged ? PolicyKind.StagedKubernetesNetworkPolicy : PolicyKind.KubernetesNetworkPolicy;
    }

    /**
     * Types as the API server defaults them when {@code policyTypes} is omitted: Egress is added when there are
     * egress rules (calico-semantics §1.7, Tierdeck's rule for files).
     */
    public List<PolicyType> effectiveTypes() {
        if (policyTypes != null && !policyTypes.isEmpty()) {
            return policyTypes;
        }
        return egress.isEmpty() ? List.of(PolicyType.Ingress) : List.of(PolicyType.Ingress, PolicyType.Egress);
    }

    public @Nullable StagedAction effectiveStagedAction() {
        return staged ? (stagedAction == null ? StagedAction.Set : stagedAction) : null;
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(kind().name(), namespace, name);
    }
}
