package dev.tierdeck.policy.namespace;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterNetworkPolicy;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.LabelSelector;
import dev.tierdeck.engine.model.Namespace;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.ServiceAccount;
import dev.tierdeck.engine.selector.Labels;
import dev.tierdeck.engine.selector.ParseResult;
import dev.tierdeck.engine.selector.Selector;
import dev.tierdeck.engine.selector.Selectors;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Whether a policy applies to a pod, on one cluster state (calico-semantics §2.4, labels as in §2.5). */
final class PodSelection {

    private static final String NAME = "projectcalico.org/name";

    private final ClusterState state;

    PodSelection(ClusterState state) {
        this.state = state;
    }

    /**
     * A namespaced policy selects pods of its own namespace; a global one narrows by namespace and service-account
     * selectors as well. A selector that does not parse selects nothing.
     */
    boolean selects(CalicoPolicy p, Pod pod) {
        if (p.kind().namespaced() && !pod.namespace().equals(p.namespace())) {
            return false;
        }
        Selector selector = parse(p.selector());
        if (selector == null) {
            return false;
        }
        if (!p.kind().namespaced() && p.namespaceSelector() != null) {
            Selector namespaces = parse(p.namespaceSelector());
            if (namespaces == null || !namespaces.matches(namespaceLabels(pod.namespace()))) {
                return false;
            }
        }
        if (p.serviceAccountSelector() != null) {
            Selector accounts = parse(p.serviceAccountSelector());
            if (accounts == null || !accounts.matches(accountLabels(pod))) {
                return false;
            }
        }
        return selector.matches(endpointLabels(pod));
    }

    /** A Kubernetes policy selects pods of its namespace by {@code podSelector} (§2.10). */
    boolean selects(KubernetesNetworkPolicy p, Pod pod) {
        return pod.namespace().equals(p.namespace()) && matches(p.podSelector(), pod.labels());
    }

    boolean selects(ClusterNetworkPolicy p, Pod pod) {
        ClusterNetworkPolicy.Subject subject = p.subject();
        if (subject.namespaces() != null) {
            return matches(subject.namespaces(), namespaceOf(pod.namespace()));
        }
        return subject.pods() != null
                && matches(subject.pods().namespaceSelector(), namespaceOf(pod.namespace()))
                && matches(subject.pods().podSelector(), pod.labels());
    }

    private Labels endpointLabels(Pod pod) {
        Map<String, String> labels = new HashMap<>();
        namespaceOf(pod.namespace()).forEach((k, v) -> labels.put("pcns." + k, v));
        labels.put("pcns." + NAME, pod.namespace());
        accountOf(pod).forEach((k, v) -> labels.put("pcsa." + k, v));
        labels.put("pcsa." + NAME, pod.serviceAccountName());
        // The pod's own labels win over inherited ones; Calico's own labels win over both.
        labels.putAll(pod.labels());
        labels.put("projectcalico.org/namespace", pod.namespace());
        labels.put("projectcalico.org/orchestrator", "k8s");
        labels.put("projectcalico.org/serviceaccount", pod.serviceAccountName());
        return Labels.of(labels);
    }

    private Labels namespaceLabels(String namespace) {
        Map<String, String> labels = new HashMap<>(namespaceOf(namespace));
        labels.put(NAME, namespace);
        return Labels.of(labels);
    }

    private Labels accountLabels(Pod pod) {
        Map<String, String> labels = new HashMap<>(accountOf(pod));
        labels.put(NAME, pod.serviceAccountName());
        return Labels.of(labels);
    }

    private Map<String, String> namespaceOf(String namespace) {
        Namespace n = state.namespace(namespace);
        return n == null ? Map.of() : n.labels();
    }

    private Map<String, String> accountOf(Pod pod) {
        ServiceAccount sa = state.serviceAccount(pod.namespace(), pod.serviceAccountName());
        return sa == null ? Map.of() : sa.labels();
    }

    /** Blank selects everything (§3.1); text that does not parse selects nothing ({@code null}). */
    static @Nullable Selector parse(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return Selectors.all();
        }
        return Selectors.parse(text) instanceof ParseResult.Ok ok ? ok.selector() : null;
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        for (Map.Entry<String, String> e : selector.matchLabels().entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (LabelSelector.Requirement r : selector.matchExpressions()) {
            String value = labels.get(r.key());
            boolean ok = switch (r.operator()) {
                case "In" -> value != null && r.values().contains(value);
                case "NotIn" -> value == null || !r.values().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
