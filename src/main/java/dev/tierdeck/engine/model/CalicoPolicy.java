package dev.tierdeck.engine.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A {@code projectcalico.org/v3} NetworkPolicy, GlobalNetworkPolicy, StagedNetworkPolicy or
 * StagedGlobalNetworkPolicy, as written. {@code types == null} means omitted (see {@link #effectiveTypes()}).
 *
 * @param kind one of the four Calico kinds
 * @param namespace {@code null} for the global kinds
 * @param tier the tier as written, {@code "default"} when omitted
 * @param namespaceSelector only for the global kinds
 * @param stagedAction only for the staged kinds ({@code null} = omitted = Set)
 * @param labels the policy's own {@code metadata.labels}: no effect on evaluation, kept for governance rules
 */
public record CalicoPolicy(
        PolicyKind kind,
        @Nullable String namespace,
        String name,
        String tier,
        @Nullable Double order,
        String selector,
        @Nullable String namespaceSelector,
        @Nullable String serviceAccountSelector,
        @Nullable List<PolicyType> types,
        List<Rule> ingress,
        List<Rule> egress,
        @Nullable StagedAction stagedAction,
        boolean doNotTrack,
        boolean preDNAT,
        boolean applyOnForward,
        Map<String, String> labels)
        implements ClusterObject {

    public CalicoPolicy {
        types = types == null ? null : List.copyOf(types);
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
        labels = Map.copyOf(labels);
    }

    /** A policy without labels of its own. */
    public CalicoPolicy(
            PolicyKind kind,
            @Nullable String namespace,
            String name,
            String tier,
            @Nullable Double order,
            String selector,
            @Nullable String namespaceSelector,
            @Nullable String serviceAccountSelector,
            @Nullable List<PolicyType> types,
            List<Rule> ingress,
            List<Rule> egress,
            @Nullable StagedAction stagedAction,
            boolean doNotTrack,
            boolean preDNAT,
            boolean applyOnForward) {
        this(
                kind,
                namespace,
                name,
                tier,
                order,
                selector,
                namespaceSelector,
                serviceAccountSelector,
                types,
                ingress,
                egress,
                stagedAction,
                doNotTrack,
                preDNAT,
                applyOnForward,
                Map.of());
    }

    /**
     * Types after Calico's defaulting when omitted (calico-semantics §1.7): egress rules without ingress rules
     * give Egress only, both give both, anything else gives Ingress only.
     */
    public List<PolicyType> effectiveTypes() {
        if (types != null && !types.isEmpty()) {
            return types;
        }
        if (!egress.isEmpty()) {
            return ingress.isEmpty() ? List.of(PolicyType.Egress) : List.of(PolicyType.Ingress, PolicyType.Egress);
        }
        return List.of(PolicyType.Ingress);
    }

    /** The staged action in effect: Set when omitted, {@code null} for enforced kinds. */
    public @Nullable StagedAction effectiveStagedAction() {
        return kind.staged() ? (stagedAction == null ? StagedAction.Set : stagedAction) : null;
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(kind.name(), namespace, name);
    }
}
