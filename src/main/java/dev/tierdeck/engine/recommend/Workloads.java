package dev.tierdeck.engine.recommend;

import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.ContainerPort;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.selector.Labels;
import dev.tierdeck.engine.selector.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The cluster's pods grouped into workloads (the pod name without StatefulSet ordinal or ReplicaSet and pod hashes),
 * each with the selector that picks it out of its namespace by stable labels: the well-known identity labels first
 * ({@code app.kubernetes.io/name}, {@code app}, ...), then combinations, then every label the pods share, then the
 * service account (Calico's {@code projectcalico.org/serviceaccount}). Labels that change with every rollout or pod
 * (template hashes, pod names) never take part. The first candidate that selects exactly the workload's pods wins;
 * failing that, the narrowest one, and the policy then covers every pod it selects.
 */
final class Workloads {

    static final String SERVICE_ACCOUNT = "projectcalico.org/serviceaccount";

    private static final List<String> IDENTITY = List.of(
            "app.kubernetes.io/name",
            "app",
            "k8s-app",
            "name",
            "app.kubernetes.io/instance",
            "app.kubernetes.io/component",
            "component");

    private static final Set<String> VOLATILE = Set.of(
            "pod-template-hash",
            "controller-revision-hash",
            "pod-template-generation",
            "statefulset.kubernetes.io/pod-name",
            "apps.kubernetes.io/pod-index",
            "controller-uid",
            "batch.kubernetes.io/controller-uid",
            "job-name",
            "batch.kubernetes.io/job-name",
            "batch.kubernetes.io/job-completion-index");

    /**
     * One workload.
     *
     * @param selector the policy selector text that picks it out of its namespace
     * @param selected every pod of the namespace that {@code selector} selects (the workload's own pods and, when no
     *     selector was exact, others that share its labels)
     */
    record Workload(String namespace, String name, List<Pod> pods, String selector, boolean exact, List<Pod> selected) {
        String key() {
            return namespace + "/" + name;
        }
    }

    private final Map<String, List<Pod>> podsByNamespace = new HashMap<>();
    private final Map<String, Workload> byKey = new HashMap<>();
    /** Workload keys of the pods looked at so far: working a name out takes a few regular expressions. */
    private final Map<Pod, String> keys = new IdentityHashMap<>();

    private final Map<String, Integer> counts = new HashMap<>();

    Workloads(ClusterState state) {
        for (Pod p : state.pods()) {
            podsByNamespace
                    .computeIfAbsent(p.namespace(), k -> new ArrayList<>())
                    .add(p);
        }
    }

    /** The workload of a pod. */
    Workload of(Pod pod) {
        return byKey.computeIfAbsent(key(pod), k -> build(pod.namespace(), k));
    }

    /** {@code namespace/name} of the pod's workload. */
    String key(Pod pod) {
        return keys.computeIfAbsent(pod, Pod::workload);
    }

    /** Every workload of a namespace, by name. */
    List<Workload> inNamespace(String namespace) {
        Map<String, Workload> out = new TreeMap<>();
        for (Pod p : podsByNamespace.getOrDefault(namespace, List.of())) {
            Workload w = of(p);
            out.put(w.name(), w);
        }
        return List.copyOf(out.values());
    }

    /** How many workloads run in the namespace. */
    int countIn(String namespace) {
        return counts.computeIfAbsent(namespace, ns -> (int) podsByNamespace.getOrDefault(ns, List.of()).stream()
                .map(this::key)
                .distinct()
                .count());
    }

    private Workload build(String namespace, String key) {
        List<Pod> all = podsByNamespace.getOrDefault(namespace, List.of());
        List<Pod> pods = all.stream().filter(p -> key(p).equals(key)).toList();
        String name = key.substring(namespace.length() + 1);
        Selector best = null;
        List<Pod> bestSelected = all;
        for (Map<String, String> candidate : candidates(pods, key)) {
            Selector s = selector(candidate);
            List<Pod> selected = all.stream().filter(p -> s.matches(labels(p))).toList();
            if (selected.size() == pods.size()) {
                return new Workload(namespace, name, pods, s.toString(), true, selected);
            }
            if (best == null || selected.size() < bestSelected.size()) {
                best = s;
                bestSelected = selected;
            }
        }
        return new Workload(namespace, name, pods, best == null ? "all()" : best.toString(), false, bestSelected);
    }

    /** Candidate label sets, most readable first. */
    private static List<Map<String, String>> candidates(List<Pod> pods, String key) {
        Map<String, String> common = new TreeMap<>();
        pods.getFirst().labels().forEach((k, v) -> {
            if (stable(k, v, pods.getFirst(), key)) {
                common.put(k, v);
            }
        });
        for (Pod p : pods) {
            common.entrySet()
                    .removeIf(e -> !e.getValue().equals(p.labels().get(e.getKey()))
                            || !stable(e.getKey(), e.getValue(), p, key));
        }
        String account = pods.getFirst().serviceAccountName();
        boolean sharedAccount =
                pods.stream().allMatch(p -> p.serviceAccountName().equals(account));
        List<Map<String, String>> out = new ArrayList<>();
        for (String k : IDENTITY) {
            if (common.containsKey(k)) {
                out.add(Map.of(k, common.get(k)));
            }
        }
        for (String k : IDENTITY) {
            if (common.containsKey(k)) {
                for (String other : common.keySet()) {
                    if (!other.equals(k)) {
                        out.add(new TreeMap<>(Map.of(k, common.get(k), other, common.get(other))));
                    }
                }
            }
        }
        if (!common.isEmpty()) {
            out.add(common);
        }
        if (sharedAccount) {
            Map<String, String> withAccount = new TreeMap<>(common);
            withAccount.put(SERVICE_ACCOUNT, account);
            out.add(withAccount);
        }
        return out;
    }

    /**
     * Whether a label identifies the workload rather than one rollout or one pod, and fits in a selector. A value equal
     * to the pod's name names that pod only, unless the pod is its own workload (a bare pod).
     */
    private static boolean stable(String key, String value, Pod pod, String workload) {
        boolean podName = value.equals(pod.name()) && !workload.endsWith("/" + pod.name());
        if (VOLATILE.contains(key) || key.endsWith("-hash") || key.endsWith("/pod-name") || podName) {
            return false;
        }
        try {
            new Selector.Equals(key, value);
            return true;
        } catch (IllegalArgumentException notExpressible) {
            return false;
        }
    }

    /** {@code k == "v"} for one label, their conjunction for several, in key order. */
    static Selector selector(Map<String, String> labels) {
        List<Selector> terms = new ArrayList<>();
        new TreeMap<>(labels).forEach((k, v) -> terms.add(new Selector.Equals(k, v)));
        return terms.size() == 1 ? terms.getFirst() : new Selector.And(terms);
    }

    /** A pod as a policy selector sees it: its labels and its service account (calico-semantics §2.5). */
    static Labels labels(Pod pod) {
        return key -> key.equals(SERVICE_ACCOUNT)
                ? pod.serviceAccountName()
                : pod.labels().get(key);
    }

    /**
     * The name every one of {@code pods} declares for this port and protocol, so that a rule can use the named port
     * (calico-semantics §2.7); {@code null} when one of them declares none or another name.
     */
    static @Nullable String namedPort(List<Pod> pods, Protocol protocol, int port) {
        String name = null;
        for (Pod p : pods) {
            String found = null;
            for (ContainerPort cp : p.ports()) {
                if (cp.name() != null && cp.port() == port && cp.protocol().number() == protocol.number()) {
                    found = cp.name();
                    break;
                }
            }
            if (found == null || (name != null && !name.equals(found))) {
                return null;
            }
            name = found;
        }
        return name;
    }
}
