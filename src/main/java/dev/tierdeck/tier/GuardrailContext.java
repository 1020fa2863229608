package dev.tierdeck.tier;

import java.util.Map;
import java.util.Set;

/**
 * What a guardrail check needs besides the policy itself.
 *
 * @param rules the guardrails in force (usually {@link Guardrails#current()})
 * @param teamNamespaces the namespaces the author's teams own: peers there never need approval
 * @param namespaceLabels every namespace of the cluster with its labels, to resolve peer namespace selectors
 * @param policyLabels the policy's {@code metadata.labels} (the engine model does not carry them)
 */
public record GuardrailContext(
        GuardrailRules rules,
        Set<String> teamNamespaces,
        Map<String, Map<String, String>> namespaceLabels,
        Map<String, String> policyLabels) {

    public GuardrailContext {
        teamNamespaces = Set.copyOf(teamNamespaces);
        namespaceLabels = Map.copyOf(namespaceLabels);
        policyLabels = Map.copyOf(policyLabels);
    }
}
