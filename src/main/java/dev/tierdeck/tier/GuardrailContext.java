package dev.tierdeck.tier;

import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.Namespace;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a guardrail check needs besides the policy itself.
 *
 * @param rules the guardrails in force (usually {@link Guardrails#current()})
 * @param teamNamespaces the namespaces the author's teams own: peers there never need approval
 * @param namespaceLabels every namespace of the cluster with its labels, to resolve peer namespace selectors
 * @param policyLabels the policy's {@code metadata.labels} (the engine model does not carry them)
 * @param cluster the cluster the policy would apply in: its pods, network sets and their addresses and ports are
 *     what rule selectors and named ports resolve to
 */
public record GuardrailContext(
        GuardrailRules rules,
        Set<String> teamNamespaces,
        Map<String, Map<String, String>> namespaceLabels,
        Map<String, String> policyLabels,
        ClusterState cluster) {

    public GuardrailContext {
        teamNamespaces = Set.copyOf(teamNamespaces);
        namespaceLabels = Map.copyOf(namespaceLabels);
        policyLabels = Map.copyOf(policyLabels);
    }

    /** A context for a cluster that has these namespaces and nothing else (no pods, no network sets). */
    public GuardrailContext(
            GuardrailRules rules,
            Set<String> teamNamespaces,
            Map<String, Map<String, String>> namespaceLabels,
            Map<String, String> policyLabels) {
        this(rules, teamNamespaces, namespaceLabels, policyLabels, namespacesOnly(namespaceLabels));
    }

    private static ClusterState namespacesOnly(Map<String, Map<String, String>> namespaceLabels) {
        List<Namespace> namespaces = namespaceLabels.entrySet().stream()
                .map(e -> new Namespace(e.getKey(), e.getValue()))
                .toList();
        return ClusterState.of(namespaces);
    }
}
