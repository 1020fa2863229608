package dev.tierdeck.policy.namespace;

import dev.tierdeck.cluster.ClusterKind;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ClusterSnapshot;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Coverage;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.Namespace;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.PolicyKind;
import dev.tierdeck.engine.model.Tier;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.PolicyDisclosure;
import dev.tierdeck.tenancy.Resource;
import dev.tierdeck.tenancy.Tenancy;
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
    private final Permissions permissions;
    private final Tenancy tenancy;
    private final DeniedFlows denied;
    private final CompiledClusters compiled;
    private final Clock clock = Clock.systemUTC();

    NamespaceOverviews(
            ClusterReader cluster,
            PolicyDrafts drafts,
            TierGovernance governance,
            Permissions permissions,
            Tenancy tenancy,
            DeniedFlows denied,
            CompiledClusters compiled) {
        this.cluster = cluster;
        this.drafts = drafts;
        this.governance = governance;
        this.permissions = permissions;
        this.tenancy = tenancy;
        this.denied = denied;
        this.compiled = compiled;
    }

    /**
     * The namespaces the user may read, by name: the cluster's, and the ones their teams own that the cluster does not
     * have yet.
     */
    public List<NamespaceSummary> summaries(CurrentUser user) {
        ClusterState state = cluster.decoded().state();
        Set<String> inCluster = state.namespaces().stream().map(Namespace::name).collect(Collectors.toSet());
        Map<String, List<Map<String, Object>>> podsByNamespace = podManifests(cluster.snapshot());
        List<NamespaceSummary> out = new ArrayList<>();
        Set<String> candidates = new java.util.HashSet<>(inCluster);
        candidates.addAll(tenancy.namespacesOf(user));
        for (String ns : permissions.readableNamespaces(user, candidates)) {
            List<Map<String, Object>> pods = podsByNamespace.getOrDefault(ns, List.of());
            long owners = pods.stream().map(p -> owner(p, state)).distinct().count();
            out.add(new NamespaceSummary(
                    ns,
                    inCluster.contains(ns),
                    (int) owners,
                    pods.size(),
                    drafts.list(ns).size() + drafts.damaged(ns).size(),
                    enforced(state, ns).size(),
                    permissions.allows(user, Action.EDIT, Resource.namespace(ns))));
        }
        return out;
    }

    /**
     * The namespace page's content.
     *
     * @throws org.springframework.security.access.AccessDeniedException when the user may not read the namespace
     */
    public NamespaceOverview overview(CurrentUser user, String namespace) {
        permissions.require(user, Action.READ, Resource.namespace(namespace));
        ClusterSnapshot snapshot = cluster.snapshot();
        ClusterState state = cluster.decoded().state();
        List<PolicyDraft> managed = drafts.list(namespace);
        Set<String> managedNames = managed.stream().map(d -> d.ref().name()).collect(Collectors.toSet());

        Map<Owners.Owner, List<Pod>> groups = workloads(snapshot, state, namespace);
        Map<Pod, String> workloadOf = new HashMap<>();
        groups.forEach((owner, members) -> members.forEach(pod -> workloadOf.put(pod, owner.name())));

        Map<String, TierSettings> settings = new HashMap<>();
        state.tiers().forEach(t -> settings.put(t.name(), governance.settings(t.name())));
        PolicyDisclosure disclosure = permissions.disclosureTo(user);
        PolicyStack stack = new PolicyStack(
                state,
                namespace,
                workloadOf,
                managedNames,
                (tier, policyNamespace) -> disclosure.shows(policyNamespace, tier));

        CompiledCluster engine = compiled.current();
        List<Workload> workloads = new ArrayList<>();
        groups.forEach((owner, members) -> workloads.add(new Workload(
                owner.kind(),
                owner.name(),
                members.stream().map(Pod::name).sorted().toList(),
                commonLabels(members),
                coverage(engine, members, true),
                coverage(engine, members, false))));

        boolean writable = permissions.allows(user, Action.EDIT, Resource.namespace(namespace));
        List<StackTier> tiers = new ArrayList<>();
        for (Tier tier : stack.tiers()) {
            TierSettings s = settings.get(tier.name());
            tiers.add(new StackTier(
                    tier.name(),
                    tier.order(),
                    tier.defaultAction().name(),
                    s,
                    writable && permissions.allows(user, Action.EDIT, Resource.policy(namespace, tier.name())),
                    stack.policiesIn(tier.name()).stream()
                            .map(p -> disclosure.shows(p.namespace(), tier.name())
                                    ? p
                                    : p.withheld(disclosure.owner(p.namespace(), tier.name())))
                            .toList()));
        }
        Instant now = clock.instant();
        Instant since = now.minus(DENIED_WINDOW);
        return new NamespaceOverview(
                namespace,
                state.namespace(namespace) != null,
                writable,
                workloads,
                tiers,
                // a draft the user may not read (a confidential tier's) is not listed, name and all
                managed.stream()
                        .filter(d -> disclosure.shows(namespace, d.tier()))
                        .toList(),
                denied.recent(namespace, since, now, disclosure),
                since,
                snapshot.stale(),
                drafts.damaged(namespace));
    }

    /**
     * Per workload of the namespace and direction, whether a tier can end its traffic in a deny and which one first,
     * or that none can and it is open (calico-semantics §2.1, §2.9), evaluated by the engine on the enforced
     * policies.
     *
     * @throws org.springframework.security.access.AccessDeniedException when the user may not read the namespace
     */
    public List<WorkloadCoverage> coverage(CurrentUser user, String namespace) {
        permissions.require(user, Action.READ, Resource.namespace(namespace));
        CompiledCluster engine = compiled.current();
        Map<Owners.Owner, List<Pod>> groups = workloads(cluster.snapshot(), engine.state(), namespace);
        List<WorkloadCoverage> out = new ArrayList<>();
        groups.forEach((owner, members) -> out.add(
                new WorkloadCoverage(owner.name(), coverage(engine, members, true), coverage(engine, members, false))));
        return out;
    }

    private static Coverage.Direction coverage(CompiledCluster engine, List<Pod> pods, boolean ingress) {
        List<Coverage.Direction> each = new ArrayList<>();
        for (Pod pod :
                pods.stream().sorted(java.util.Comparator.comparing(Pod::name)).toList()) {
            if (engine.hasPod(pod.namespace(), pod.name())) {
                each.add(Coverage.of(engine, pod.namespace(), pod.name(), ingress));
            }
        }
        return WorkloadCoverage.combine(each);
    }

    /** The namespace's pods grouped by owner, by owner name. */
    private static Map<Owners.Owner, List<Pod>> workloads(
            ClusterSnapshot snapshot, ClusterState state, String namespace) {
        Map<String, Map<String, Object>> manifests = new HashMap<>();
        for (Map<String, Object> pod : podManifests(snapshot).getOrDefault(namespace, List.of())) {
            manifests.put(name(pod), pod);
        }
        Map<Owners.Owner, List<Pod>> groups =
                new TreeMap<>(java.util.Comparator.comparing(Owners.Owner::name).thenComparing(Owners.Owner::kind));
        for (Pod pod : state.pods()) {
            if (pod.namespace().equals(namespace)) {
                Owners.Owner owner = Owners.of(manifests.getOrDefault(pod.name(), Map.of()), pod.name(), pod.labels());
                groups.computeIfAbsent(owner, k -> new ArrayList<>()).add(pod);
            }
        }
        return groups;
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
