package dev.tierdeck.policy.editor;

import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.EntityRule;
import dev.tierdeck.engine.model.Namespace;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.selector.Labels;
import dev.tierdeck.engine.selector.ParseResult;
import dev.tierdeck.engine.selector.Selector;
import dev.tierdeck.engine.selector.Selectors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What a policy's selector picks on the current cluster snapshot, and the label keys and values the editor suggests.
 * Pods are seen with the labels Calico gives them (calico-semantics §2.5): their own, {@code projectcalico.org/*},
 * and the namespace's as {@code pcns.*}.
 */
final class PodMatches {

    /** How many pod names the preview lists before "and N more". */
    static final int LISTED = 8;

    private final ClusterState state;

    PodMatches(ClusterState state) {
        this.state = state;
    }

    /** The pods matched, or why the selector cannot be tried. */
    record Preview(int count, List<String> pods, @Nullable String error) {
        public int more() {
            return Math.max(0, count - pods.size());
        }
    }

    /**
     * Pods a policy applies to: of {@code namespace} for a NetworkPolicy, of every namespace its
     * {@code namespaceSelector} picks for a GlobalNetworkPolicy ({@code namespace} null).
     */
    Preview preview(@Nullable String namespace, String selector, @Nullable String namespaceSelector) {
        Selector pods = parse(selector);
        if (pods == null) {
            return new Preview(0, List.of(), "The selector does not parse yet.");
        }
        Selector namespaces = namespaceSelector == null ? Selectors.all() : parse(namespaceSelector);
        if (namespaces == null) {
            return new Preview(0, List.of(), "The namespace selector does not parse yet.");
        }
        TreeSet<String> matched = new TreeSet<>();
        for (Pod pod : state.pods()) {
            if (namespace != null && !pod.namespace().equals(namespace)) {
                continue;
            }
            if (namespace == null && !namespaces.matches(namespaceLabels(pod.namespace()))) {
                continue;
            }
            if (pods.matches(endpointLabels(pod))) {
                matched.add(namespace == null ? pod.namespace() + "/" + pod.name() : pod.name());
            }
        }
        return new Preview(matched.size(), matched.stream().limit(LISTED).toList(), null);
    }

    /**
     * Pods a rule's peer selects (calico-semantics §2.6): by pod selector within the policy's namespace (every
     * namespace for a global policy) or within the namespaces its namespaceSelector picks. Null when the peer is not
     * a set of pods (anywhere, CIDRs, service accounts, network sets). Pods outside {@code visible} are counted but not
     * named.
     */
    @Nullable
    Preview peer(@Nullable String policyNamespace, EntityRule peer, Set<String> visible) {
        if (!peer.nets().isEmpty()
                || !peer.notNets().isEmpty()
                || peer.serviceAccounts() != null
                || peer.services() != null
                || "global()".equals(peer.namespaceSelector())
                || (peer.selector() == null && peer.namespaceSelector() == null)) {
            return null;
        }
        Selector pods = peer.selector() == null ? Selectors.all() : parse(peer.selector());
        Selector namespaces = peer.namespaceSelector() == null ? null : parse(peer.namespaceSelector());
        if (pods == null || (peer.namespaceSelector() != null && namespaces == null)) {
            return null;
        }
        int count = 0;
        TreeSet<String> named = new TreeSet<>();
        for (Pod pod : state.pods()) {
            boolean inScope = namespaces != null
                    ? namespaces.matches(namespaceLabels(pod.namespace()))
                    : policyNamespace == null || pod.namespace().equals(policyNamespace);
            if (inScope && pods.matches(endpointLabels(pod))) {
                count++;
                if (visible.contains(pod.namespace())) {
                    named.add(pod.namespace() + "/" + pod.name());
                }
            }
        }
        return new Preview(count, named.stream().limit(LISTED).toList(), null);
    }

    /** Label keys of the pods in {@code namespaces}, sorted. */
    Set<String> keys(Set<String> namespaces) {
        TreeSet<String> keys = new TreeSet<>();
        visible(namespaces).forEach(p -> keys.addAll(p.labels().keySet()));
        return keys;
    }

    /** Label values of the pods in {@code namespaces}, sorted. */
    Set<String> values(Set<String> namespaces) {
        TreeSet<String> values = new TreeSet<>();
        visible(namespaces).forEach(p -> values.addAll(p.labels().values()));
        return values;
    }

    Set<String> namespaceNames() {
        TreeSet<String> names = new TreeSet<>();
        state.namespaces().forEach(n -> names.add(n.name()));
        state.pods().forEach(p -> names.add(p.namespace()));
        return names;
    }

    private List<Pod> visible(Set<String> namespaces) {
        return state.pods().stream()
                .filter(p -> namespaces.contains(p.namespace()))
                .toList();
    }

    private Labels endpointLabels(Pod pod) {
        Map<String, String> labels = new HashMap<>();
        namespaceOf(pod.namespace()).forEach((k, v) -> labels.put("pcns." + k, v));
        labels.put("pcns." + FormWriter.NAMESPACE_NAME, pod.namespace());
        labels.putAll(pod.labels());
        labels.put("projectcalico.org/namespace", pod.namespace());
        labels.put("projectcalico.org/orchestrator", "k8s");
        labels.put("projectcalico.org/serviceaccount", pod.serviceAccountName());
        return Labels.of(labels);
    }

    private Labels namespaceLabels(String namespace) {
        Map<String, String> labels = new HashMap<>(namespaceOf(namespace));
        labels.put(FormWriter.NAMESPACE_NAME, namespace);
        return Labels.of(labels);
    }

    private Map<String, String> namespaceOf(String namespace) {
        Namespace n = state.namespace(namespace);
        return n == null ? Map.of() : n.labels();
    }

    private static @Nullable Selector parse(String text) {
        if (text.isBlank()) {
            return Selectors.all();
        }
        return Selectors.parse(text) instanceof ParseResult.Ok ok ? ok.selector() : null;
    }
}
