package dev.tierdeck.engine.reference;

import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.ContainerPort;
import dev.tierdeck.engine.model.GlobalNetworkSet;
import dev.tierdeck.engine.model.Namespace;
import dev.tierdeck.engine.model.NetworkSet;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.ServiceAccount;
import dev.tierdeck.engine.selector.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Something a rule selector can match by IP (calico-semantics §2.8): a pod (workload endpoint), a namespaced
 * NetworkSet or a GlobalNetworkSet, with the full label set Calico attaches to it (§2.5).
 *
 * @param namespace {@code null} for a GlobalNetworkSet
 * @param addresses the pod's IPs, or the network set's CIDRs
 * @param pod the pod, for a workload endpoint
 */
record Member(
        @Nullable String namespace,
        String name,
        Labels labels,
        List<String> addresses,
        @Nullable Pod pod) {

    static final String NAMESPACE = "projectcalico.org/namespace";
    static final String ORCHESTRATOR = "projectcalico.org/orchestrator";
    static final String SERVICE_ACCOUNT = "projectcalico.org/serviceaccount";
    static final String NAME = "projectcalico.org/name";
    static final String NAMESPACE_PREFIX = "pcns.";
    static final String SERVICE_ACCOUNT_PREFIX = "pcsa.";

    boolean contains(byte[] ip) {
        for (String address : addresses) {
            if (Ip.inCidr(ip, address)) {
                return true;
            }
        }
        return false;
    }

    List<ContainerPort> ports() {
        return pod == null ? List.of() : pod.ports();
    }

    /** The label view under a profile prefix: what a rewritten {@code pcns.}/{@code pcsa.} selector reads. */
    Labels under(String prefix) {
        return key -> labels.get(prefix + key);
    }

    /** Every pod, NetworkSet and GlobalNetworkSet of the cluster, in that order. */
    static List<Member> all(ClusterState state) {
        List<Member> members = new ArrayList<>();
        for (Pod pod : state.pods()) {
            members.add(of(state, pod));
        }
        for (NetworkSet set : state.networkSets()) {
            Map<String, String> own = new HashMap<>(set.labels());
            own.put(NAMESPACE, set.namespace());
            members.add(new Member(
                    set.namespace(),
                    set.name(),
                    Labels.of(inherit(own, namespaceProfile(state, set.namespace()))),
                    set.nets(),
                    null));
        }
        for (GlobalNetworkSet set : state.globalNetworkSets()) {
            members.add(new Member(null, set.name(), Labels.of(set.labels()), set.nets(), null));
        }
        return members;
    }

    /**
     * A pod's labels: its own, then the ones Calico adds ({@code projectcalico.org/namespace}, {@code orchestrator},
     * {@code serviceaccount}), then, where not already set, the inherited {@code pcns.*} and {@code pcsa.*} labels of
     * its {@code kns.} and {@code ksa.} profiles (§2.5). A namespace or service account that is not declared still
     * contributes its name (FORMAT.md §1: it exists, with no labels).
     */
    static Member of(ClusterState state, Pod pod) {
        Map<String, String> own = new HashMap<>(pod.labels());
        own.put(NAMESPACE, pod.namespace());
        own.put(ORCHESTRATOR, "k8s");
        own.put(SERVICE_ACCOUNT, pod.serviceAccountName());
        Map<String, String> labels = inherit(own, namespaceProfile(state, pod.namespace()));
        labels = inherit(labels, serviceAccountProfile(state, pod.namespace(), pod.serviceAccountName()));
        return new Member(pod.namespace(), pod.name(), Labels.of(labels), pod.ips(), pod);
    }

    private static Map<String, String> inherit(Map<String, String> own, Map<String, String> profile) {
        Map<String, String> labels = new HashMap<>(profile);
        labels.putAll(own);
        return labels;
    }

    private static Map<String, String> namespaceProfile(ClusterState state, String namespace) {
        Map<String, String> labels = new HashMap<>();
        Namespace declared = state.namespace(namespace);
        if (declared != null) {
            declared.labels().forEach((k, v) -> labels.put(NAMESPACE_PREFIX + k, v));
        }
        labels.put(NAMESPACE_PREFIX + NAME, namespace);
        return labels;
    }

    private static Map<String, String> serviceAccountProfile(ClusterState state, String namespace, String name) {
        Map<String, String> labels = new HashMap<>();
        ServiceAccount declared = state.serviceAccount(namespace, name);
        if (declared != null) {
            declared.labels().forEach((k, v) -> labels.put(SERVICE_ACCOUNT_PREFIX + k, v));
        }
        labels.put(SERVICE_ACCOUNT_PREFIX + NAME, name);
        return labels;
    }
}
