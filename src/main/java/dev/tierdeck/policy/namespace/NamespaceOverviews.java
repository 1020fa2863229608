package dev.tierdeck.policy.namespace;

import dev.tierdeck.cluster.ClusterKind;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ClusterSnapshot;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.Namespace;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.PolicyKind;
import dev.tierdeck.engine.model.Tier;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.tier.TierGovernance;
import dev.tierdeck.tier.TierSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Builds "my namespaces" and the namespace page from the cluster cache, the drafts, governance and the flow store. */
@Component
public class NamespaceOverviews {

    /** How far back the page looks for denied flows. */
    static final Duration DENIED_WINDOW = Duration.ofHours(24);

    private final ClusterReader cluster;
    private final PolicyDrafts drafts;
    private final TierGovernance governance;
    private final NamespaceAccess access;
    private final DeniedFlows denied;
    private final Clock clock = Clock.systemUTC();

    NamespaceOverviews(
            ClusterReader cluster,
            PolicyDrafts drafts,
            TierGovernance governance,
            NamespaceAccess access,
            DeniedFlows denied) {
        this.cluster = cluster;
        this.drafts = drafts;
        this.governance = governance;
        this.access = access;
        this.denied = denied;
    }

    /** The user's namespaces (see {@link NamespaceAccess#visible}), by name. */
    public List<NamespaceSummary> summaries(CurrentUser user) {
        ClusterState state = cluster.decoded().state();
        Set<String> inCluster = state.namespaces().stream().map(Namespace::name).collect(Collectors.toSet());
        Map<String, List<Map<String, Object>>> podsByNamespace = podManifests(cluster.snapshot());
        List<NamespaceSummary> out = new ArrayList<>();
        for (String ns : access.visible(user, inCluster)) {
            List<Map<String, Object>> pods = podsByNamespace.getOrDefault(ns, List.of());
            long owners = pods.stream().map(p -> owner(p, state)).distinct().count();
            out.add(new NamespaceSummary(
                    ns,
                    inCluster.contains(ns),
                    (int) owners,
                    pods.size(),
                    drafts.list(ns).size() + drafts.damaged(ns).size(),
                    enforced(state, ns).size(),
                    access.mayWrite(user, ns)));
        }
        return out;
    }

    /**
     * The namespace page's content.
     *
     * @throws org.springframework.security.access.AccessDeniedException when the user may not read the namespace
     */
    public NamespaceOverview overview(CurrentUser user, String namespace) {
        access.requireRead(user, namespace);
        ClusterSnapshot snapshot = cluster.snapshot();
        ClusterState state = cluster.decoded().state();
        List<PolicyDraft> managed = drafts.list(namespace);
        Set<String> managedNames = managed.stream().map(d -> d.ref().name()).collect(Collectors.toSet());

        Map<String, Map<String, Object>> manifests = new HashMap<>();
        for (Map<String, Object> pod : podManifests(snapshot).getOrDefault(namespace, List.of())) {
            manifests.put(name(pod), pod);
        }
        List<Pod> pods = state.pods().stream()
                .filter(p -> p.namespace().equals(namespace))
                .toList();
        Map<Pod, String> workloadOf = new HashMap<>();
        Map<Owners.Owner, List<Pod>> groups =
                new TreeMap<>(java.util.Comparator.comparing(Owners.Owner::name).thenComparing(Owners.Owner::kind));
        for (Pod pod : pods) {
            Owners.Owner owner = Owners.of(manifests.getOrDefault(pod.name(), Map.of()), pod.name(), pod.labels());
            groups.computeIfAbsent(owner, k -> new ArrayList<>()).add(pod);
            workloadOf.put(pod, owner.name());
        }

        Map<String, TierSettings> settings = new HashMap<>();
        state.tiers().forEach(t -> settings.put(t.name(), governance.settings(t.name())));
        PolicyStack stack = new PolicyStack(state, namespace, workloadOf, managedNames, (tier, policyNamespace) -> {
            TierSettings s = settings.getOrDefault(tier, governance.settings(tier));
            if (s.confidential()) {
                return false;
            }
            if (user.isAdmin() || user.hasRole(Role.VIEWER)) {
                return true;
            }
            // Developers read only what is written in their own tiers of their own namespace.
            return s.developerTier() && namespace.equals(policyNamespace);
        });

        List<Workload> workloads = new ArrayList<>();
        groups.forEach((owner, members) -> workloads.add(new Workload(
                owner.kind(),
                owner.name(),
                members.stream().map(Pod::name).sorted().toList(),
                commonLabels(members),
                members.stream().allMatch(stack::ingressCovered),
                members.stream().allMatch(stack::egressCovered))));

        boolean writable = access.mayWrite(user, namespace);
        List<StackTier> tiers = new ArrayList<>();
        for (Tier tier : stack.tiers()) {
            TierSettings s = settings.get(tier.name());
            tiers.add(new StackTier(
                    tier.name(),
                    tier.order(),
                    tier.defaultAction().name(),
                    s,
                    writable && governance.mayWritePolicies(user, tier.name()),
                    stack.policiesIn(tier.name())));
        }
        Instant now = clock.instant();
        Instant since = now.minus(DENIED_WINDOW);
        return new NamespaceOverview(
                namespace,
                state.namespace(namespace) != null,
                writable,
                workloads,
                tiers,
                managed,
                denied.recent(namespace, since, now),
                since,
                snapshot.stale(),
                drafts.damaged(namespace));
    }

    /** Enforced policies of the namespace in the cluster: Calico NetworkPolicies and Kubernetes NetworkPolicies. */
    public List<ClusterPolicy> enforced(String namespace) {
        return enforced(cluster.decoded().state(), namespace);
    }

    private static List<ClusterPolicy> enforced(ClusterState state, String namespace) {
        List<ClusterPolicy> out = new ArrayList<>();
        for (CalicoPolicy p : state.calicoPolicies()) {
            if (p.kind() == PolicyKind.NetworkPolicy && namespace.equals(p.namespace())) {
                out.add(new ClusterPolicy(p.kind().name(), p.name(), p.tier()));
            }
        }
        for (KubernetesNetworkPolicy p : state.kubernetesPolicies()) {
            if (!p.staged() && p.namespace().equals(namespace)) {
                out.add(new ClusterPolicy(p.kind().name(), p.name(), Tier.DEFAULT));
            }
        }
        out.sort(java.util.Comparator.comparing(ClusterPolicy::name).thenComparing(ClusterPolicy::kind));
        return out;
    }

    /**
     * An enforced policy as the cluster holds it.
     *
     * @param kind {@code NetworkPolicy} (Calico) or {@code KubernetesNetworkPolicy}
     */
    public record ClusterPolicy(String kind, String name, String tier) {}

    private static Map<String, List<Map<String, Object>>> podManifests(ClusterSnapshot snapshot) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        for (Map<String, Object> pod : snapshot.objects(ClusterKind.POD)) {
            if (pod.get("metadata") instanceof Map<?, ?> metadata && metadata.get("namespace") instanceof String ns) {
                out.computeIfAbsent(ns, k -> new ArrayList<>()).add(pod);
            }
        }
        return out;
    }

    private static Owners.Owner owner(Map<String, Object> manifest, ClusterState state) {
        String name = name(manifest);
        Map<String, String> labels = Map.of();
        if (manifest.get("metadata") instanceof Map<?, ?> metadata && metadata.get("namespace") instanceof String ns) {
            Pod pod = state.pod(ns, name);
            labels = pod == null ? Map.of() : pod.labels();
        }
        return Owners.of(manifest, name, labels);
    }

    private static String name(Map<String, Object> manifest) {
        return manifest.get("metadata") instanceof Map<?, ?> metadata && metadata.get("name") instanceof String n
                ? n
                : "";
    }

    private static Map<String, String> commonLabels(List<Pod> pods) {
        Map<String, String> common = new TreeMap<>(pods.getFirst().labels());
        for (Pod pod : pods) {
            common.entrySet().removeIf(e -> !e.getValue().equals(pod.labels().get(e.getKey())));
        }
        common.remove(Owners.TEMPLATE_HASH);
        return common;
    }
}
