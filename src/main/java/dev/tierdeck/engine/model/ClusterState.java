package dev.tierdeck.engine.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of everything the evaluator reads, keyed by {@link ObjectKey}. Objects keep the order
 * in which they were given; a later object with the same key replaces an earlier one.
 */
public final class ClusterState {

    public static final ClusterState EMPTY = new ClusterState(new LinkedHashMap<>());

    private final Map<ObjectKey, ClusterObject> objects;
    private final List<Tier> tiers;
    private final List<CalicoPolicy> calicoPolicies;
    private final List<KubernetesNetworkPolicy> kubernetesPolicies;
    private final List<ClusterNetworkPolicy> clusterPolicies;
    private final List<NetworkSet> networkSets;
    private final List<GlobalNetworkSet> globalNetworkSets;
    private final List<Namespace> namespaces;
    private final List<Pod> pods;
    private final List<ServiceAccount> serviceAccounts;
    private final Map<String, Tier> tiersByName = new HashMap<>();

    private ClusterState(LinkedHashMap<ObjectKey, ClusterObject> objects) {
        this.objects = Collections.unmodifiableMap(objects);
        List<Tier> ts = new ArrayList<>();
        List<CalicoPolicy> cps = new ArrayList<>();
        List<KubernetesNetworkPolicy> kps = new ArrayList<>();
        List<ClusterNetworkPolicy> cnps = new ArrayList<>();
        List<NetworkSet> nss = new ArrayList<>();
        List<GlobalNetworkSet> gnss = new ArrayList<>();
        List<Namespace> nses = new ArrayList<>();
        List<Pod> ps = new ArrayList<>();
        List<ServiceAccount> sas = new ArrayList<>();
        for (ClusterObject o : objects.values()) {
            switch (o) {
                case Tier t -> ts.add(t);
                case CalicoPolicy p -> cps.add(p);
                case KubernetesNetworkPolicy p -> kps.add(p);
                case ClusterNetworkPolicy p -> cnps.add(p);
                case NetworkSet s -> nss.add(s);
                case GlobalNetworkSet s -> gnss.add(s);
                case Namespace n -> nses.add(n);
                case Pod p -> ps.add(p);
                case ServiceAccount s -> sas.add(s);
            }
        }
        // Built-in tiers have fixed order and default action (calico-semantics §1.2): a declared copy cannot
        // change them.
        for (Tier t : ts) {
            tiersByName.put(t.name(), t);
        }
        for (Tier t : Tier.BUILT_IN) {
            tiersByName.put(t.name(), t);
        }
        List<Tier> all = new ArrayList<>(Tier.BUILT_IN);
        for (Tier t : ts) {
            if (Tier.BUILT_IN.stream().noneMatch(b -> b.name().equals(t.name()))) {
                all.add(t);
            }
        }
        this.tiers = List.copyOf(all);
        this.calicoPolicies = List.copyOf(cps);
        this.kubernetesPolicies = List.copyOf(kps);
        this.clusterPolicies = List.copyOf(cnps);
        this.networkSets = List.copyOf(nss);
        this.globalNetworkSets = List.copyOf(gnss);
        this.namespaces = List.copyOf(nses);
        this.pods = List.copyOf(ps);
        this.serviceAccounts = List.copyOf(sas);
    }

    public static ClusterState of(Collection<? extends ClusterObject> objects) {
        LinkedHashMap<ObjectKey, ClusterObject> map = new LinkedHashMap<>();
        for (ClusterObject o : objects) {
            map.put(o.key(), o);
        }
        return new ClusterState(map);
    }

    /** A copy with {@code set} objects added or replacing those of the same key, and {@code delete} removed. */
    public ClusterState with(Collection<? extends ClusterObject> set, Collection<ObjectKey> delete) {
        LinkedHashMap<ObjectKey, ClusterObject> map = new LinkedHashMap<>(objects);
        for (ObjectKey k : delete) {
            map.remove(k);
        }
        for (ClusterObject o : set) {
            map.put(o.key(), o);
        }
        return new ClusterState(map);
    }

    public Collection<ClusterObject> objects() {
        return objects.values();
    }

    public @Nullable ClusterObject get(ObjectKey key) {
        return objects.get(key);
    }

    /** Declared tiers plus the built-in ones. */
    public List<Tier> tiers() {
        return tiers;
    }

    public @Nullable Tier tier(String name) {
        return tiersByName.get(name);
    }

    public List<CalicoPolicy> calicoPolicies() {
        return calicoPolicies;
    }

    public List<KubernetesNetworkPolicy> kubernetesPolicies() {
        return kubernetesPolicies;
    }

    public List<ClusterNetworkPolicy> clusterPolicies() {
        return clusterPolicies;
    }

    public List<NetworkSet> networkSets() {
        return networkSets;
    }

    public List<GlobalNetworkSet> globalNetworkSets() {
        return globalNetworkSets;
    }

    public List<Namespace> namespaces() {
        return namespaces;
    }

    public @Nullable Namespace namespace(String name) {
        return objects.get(new ObjectKey("Namespace", null, name)) instanceof Namespace n ? n : null;
    }

    public List<Pod> pods() {
        return pods;
    }

    public @Nullable Pod pod(String namespace, String name) {
        return objects.get(new ObjectKey("Pod", namespace, name)) instanceof Pod p ? p : null;
    }

    public List<ServiceAccount> serviceAccounts() {
        return serviceAccounts;
    }

    public @Nullable ServiceAccount serviceAccount(String namespace, String name) {
        return objects.get(new ObjectKey("ServiceAccount", namespace, name)) instanceof ServiceAccount s ? s : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterState c && objects.equals(c.objects);
    }

    @Override
    public int hashCode() {
        return objects.hashCode();
    }

    @Override
    public String toString() {
        return "ClusterState" + objects.keySet();
    }
}
