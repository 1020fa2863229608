package dev.tierdeck.tier;

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
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Which pods a policy applies to on one cluster snapshot (calico-semantics §2.4, labels as in §2.5): pod by pod, or
 * counted per namespace. Only pods are considered: host endpoints are not part of the snapshot.
 */
public final class PolicySelection {

    private static final String NAME = "projectcalico.org/name";

    private final ClusterState state;

    public PolicySelection(ClusterState state) {
        this.state = state;
    }

    /** Pods selected, by namespace (sorted), namespaces without a selected pod left out. */
    Map<String, Integer> of(CalicoPolicy p) {
        return count(pod -> selects(p, pod));
    }

    /** Pods selected by a Kubernetes policy, by namespace (sorted). */
    Map<String, Integer> of(KubernetesNetworkPolicy p) {
        return count(pod -> selects(p, pod));
    }

    /** Pods selected by a cluster network policy, by namespace (sorted). */
    Map<String, Integer> of(ClusterNetworkPolicy p) {
        return count(pod -> selects(p, pod));
    }

    /**
     * A namespaced policy selects pods of its own namespace; a global one narrows by namespace and service-account
     * selectors as well. A selector that does not parse selects nothing.
     */
    public boolean selects(CalicoPolicy p, Pod pod) {
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
    public boolean selects(KubernetesNetworkPolicy p, Pod pod) {
        return pod.namespace().equals(p.namespace()) && matches(p.podSelector(), pod.labels());
    }

    /** A cluster network policy selects whole namespaces, or pods within selected namespaces. */
    public boolean selects(ClusterNetworkPolicy p, Pod pod) {
        ClusterNetworkPolicy.Subject subject = p.subject();
        if (subject.namespaces() != null) {
            return matches(subject.namespaces(), namespaceOf(pod.namespace()));
        }
        return subject.pods() != null
                && matches(subject.pods().namespaceSelector(), namespaceOf(pod.namespace()))
                && matches(subject.pods().podSelector(), pod.labels());
    }

    private Map<String, Integer> count(Predicate<Pod> selects) {
        Map<String, Integer> out = new TreeMap<>();
        for (Pod pod : state.pods()) {
            if (selects.test(pod)) {
                out.merge(pod.namespace(), 1, Integer::sum);
            }
        }
        return out;
    }

    /** The labels a policy selector sees on a pod: its own, Calico's, then the inherited pcns./pcsa. ones. */
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

    /** Blank text selects everything (§3.1); text that does not parse selects nothing ({@code null}). */
    private static @Nullable Selector parse(@Nullable String text) {
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

    /** The top-level selector, with the namespace and service-account selectors that narrow it (§2.4), for display. */
    public static String describe(CalicoPolicy p) {
        String text = canonical(p.selector());
        if (p.namespaceSelector() != null && !p.namespaceSelector().isBlank()) {
            text += "; namespaces: " + canonical(p.namespaceSelector());
        }
        if (p.serviceAccountSelector() != null && !p.serviceAccountSelector().isBlank()) {
            text += "; service accounts: " + canonical(p.serviceAccountSelector());
        }
        return text;
    }

    /** What a cluster network policy applies to, in Calico's selector syntax, for display. */
    public static String describe(ClusterNetworkPolicy.Subject subject) {
        if (subject.namespaces() != null) {
            return "namespaces: " + describe(subject.namespaces());
        }
        return subject.pods() == null
                ? ""
                : "namespaces: " + describe(subject.pods().namespaceSelector()) + "; pods: "
                        + describe(subject.pods().podSelector());
    }

    /** A selector in Calico's canonical form; blank is {@code all()}, text that does not parse is kept as written. */
    static String canonical(String selector) {
        if (selector.isBlank()) {
            return "all()";
        }
        return Selectors.parse(selector) instanceof ParseResult.Ok ok
                ? ok.selector().toString()
                : selector;
    }

    /** A Kubernetes label selector written in Calico's selector syntax, for display. */
    public static String describe(LabelSelector selector) {
        if (selector.isEmpty()) {
            return "all()";
        }
        StringBuilder out = new StringBuilder();
        selector.matchLabels().forEach((k, v) -> append(out, k + " == '" + v + "'"));
        for (LabelSelector.Requirement r : selector.matchExpressions()) {
            String values = "{"
                    + String.join(
                            ", ", r.values().stream().map(v -> "'" + v + "'").toList()) + "}";
            append(
                    out,
                    switch (r.operator()) {
                        case "In" -> r.key() + " in " + values;
                        case "NotIn" -> r.key() + " not in " + values;
                        case "Exists" -> "has(" + r.key() + ")";
                        case "DoesNotExist" -> "!has(" + r.key() + ")";
                        default -> r.key() + " " + r.operator() + " " + values;
                    });
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String term) {
        if (!out.isEmpty()) {
            out.append(" && ");
        }
        out.append(term);
    }
}
