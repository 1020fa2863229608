package dev.tierdeck.engine.model;

/**
 * Every kind of policy the evaluator orders inside a tier. {@link #internalKind()} is the kind string Calico
 * uses in its ordering tie-break key {@code name/namespace/kind} (calico-semantics §2.3); the enum name is the
 * {@code kind} shown in verdict hits.
 */
public enum PolicyKind {
    NetworkPolicy("NetworkPolicy", true, false),
    GlobalNetworkPolicy("GlobalNetworkPolicy", false, false),
    StagedNetworkPolicy("StagedNetworkPolicy", true, true),
    StagedGlobalNetworkPolicy("StagedGlobalNetworkPolicy", false, true),
    KubernetesNetworkPolicy("KubernetesNetworkPolicy", true, false),
    StagedKubernetesNetworkPolicy("StagedKubernetesNetworkPolicy", true, true),
    ClusterNetworkPolicy("KubernetesClusterNetworkPolicy", false, false);

    private final String internalKind;
    private final boolean namespaced;
    private final boolean staged;

    PolicyKind(String internalKind, boolean namespaced, boolean staged) {
        this.internalKind = internalKind;
        this.namespaced = namespaced;
        this.staged = staged;
    }

    public String internalKind() {
        return internalKind;
    }

    public boolean namespaced() {
        return namespaced;
    }

    public boolean staged() {
        return staged;
    }

    /** The enforced kind a staged kind previews; an enforced kind returns itself. */
    public PolicyKind enforcedCounterpart() {
        return switch (this) {
            case StagedNetworkPolicy -> NetworkPolicy;
            case StagedGlobalNetworkPolicy -> GlobalNetworkPolicy;
            case StagedKubernetesNetworkPolicy -> KubernetesNetworkPolicy;
            default -> this;
        };
    }
}
