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

    /** All objects by key; for a state derived by a policy-only {@link #with}, built on first use. */
    private volatile @Nullable Map<ObjectKey, ClusterObject> objects;
    /** The state a policy-only change was applied to, with the change (while {@link #objects} is not built). */
    private final @Nullable ClusterState base;

    private final Map<ObjectKey, ClusterObject> setByKey;
    private final java.util.Set<ObjectKey> deleted;
    private final List<Tier> tiers;
    private final List<CalicoPolicy> calicoPolicies;
    private final List<KubernetesNetworkPolicy> kubernetesPolicies;
    private final List<ClusterNetworkPolicy> clusterPolicies;
    private final List<NetworkSet> networkSets;
    private final List<GlobalNetworkSet> globalNetworkSets;
    private final List<Namespace> namespaces;
    private final List<Pod> pods;
    private final List<ServiceAccount> serviceAccounts;
    private final Map<String, Tier> tiersByName;

    private ClusterState(LinkedHashMap<ObjectKey, ClusterObject> objects) {
        this.objects = Collections.unmodifiableMap(objects);
        this.base = null;
        this.setByKey = Map.of();
        this.deleted = java.util.Set.of();
        this.tiersByName = new HashMap<>();
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
        if (policiesOnly(set, delete)) {
            // A proposed policy change on a large cluster: every other list is shared, nothing is copied.
            return new ClusterState(this, set, delete);
        }
        return new ClusterState(applied(objectMap(), set, delete));
    }

    private static LinkedHashMap<ObjectKey, ClusterObject> applied(
            Map<ObjectKey, ClusterObject> objects,
            Collection<? extends ClusterObject> set,
            Collection<ObjectKey> delete) {
        LinkedHashMap<ObjectKey, ClusterObject> map = new LinkedHashMap<>(objects);
        for (ObjectKey k : delete) {
            map.remove(k);
        }
        for (ClusterObject o : set) {
            map.put(o.key(), o);
        }
        return map;
    }

    private boolean policiesOnly(Collection<? extends ClusterObject> set, Collection<ObjectKey> delete) {
        for (ClusterObject o : set) {
            if (!isPolicy(o) || !isPolicyOrAbsent(get(o.key()))) {
                return false;
            }
        }
        for (ObjectKey k : delete) {
            if (!isPolicyOrAbsent(get(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPolicy(ClusterObject o) {
        return o instanceof CalicoPolicy || o instanceof KubernetesNetworkPolicy || o instanceof ClusterNetworkPolicy;
    }

    private static boolean isPolicyOrAbsent(@Nullable ClusterObject o) {
        return o == null || isPolicy(o);
    }

    /** {@code previous} with a change of policies only; the same result as copying and applying it. */
    private ClusterState(ClusterState previous, Collection<? extends ClusterObject> set, Collection<ObjectKey> delete) {
        ClusterState b = previous;
        Map<ObjectKey, ClusterObject> sets = new LinkedHashMap<>();
        java.util.Set<ObjectKey> dels = new java.util.HashSet<>(delete);
        if (previous.objects == null) {
            // Keep chains of derived states one level deep.
            b = new ClusterState(applied(previous.base.objectMap(), previous.setByKey.values(), previous.deleted));
        }
        for (ClusterObject o : set) {
            sets.put(o.key(), o);
        }
        this.base = b;
        this.setByKey = sets;
        this.deleted = dels;
        this.objects = null;
        this.tiersByName = b.tiersByName;
        this.tiers = b.tiers;
        this.networkSets = b.networkSets;
        this.globalNetworkSets = b.globalNetworkSets;
        this.namespaces = b.namespaces;
        this.pods = b.pods;
        this.serviceAccounts = b.serviceAccounts;
        this.calicoPolicies = changed(b, b.calicoPolicies, CalicoPolicy.class);
        this.kubernetesPolicies = changed(b, b.kubernetesPolicies, KubernetesNetworkPolicy.class);
        this.clusterPolicies = changed(b, b.clusterPolicies, ClusterNetworkPolicy.class);
    }

    /**
     * One list of {@code b} after the change, in map order: a replaced object keeps its place, a deleted one goes,
     * a new one (or one deleted and set again) comes last.
     */
    private <T extends ClusterObject> List<T> changed(ClusterState b, List<T> list, Class<T> type) {
        boolean touched = false;
        for (ClusterObject o : setByKey.values()) {
            touched |= type.isInstance(o) || type.isInstance(b.get(o.key()));
        }
        for (ObjectKey k : deleted) {
            touched |= type.isInstance(b.get(k));
        }
        if (!touched) {
            return list;
        }
        List<T> out = new ArrayList<>(list.size() + setByKey.size());
        for (T o : list) {
            ObjectKey k = o.key();
            if (deleted.contains(k)) {
                continue;
            }
            ClusterObject replacement = setByKey.get(k);
            if (replacement == null) {
                out.add(o);
            } else if (type.isInstance(replacement)) {
                out.add(type.cast(replacement));
            }
        }
        for (Map.Entry<ObjectKey, ClusterObject> e : setByKey.entrySet()) {
            boolean placed = b.get(e.getKey()) != null && !deleted.contains(e.getKey());
            if (!placed && type.isInstance(e.getValue())) {
                out.add(type.cast(e.getValue()));
            }
        }
        return List.copyOf(out);
    }

    private Map<ObjectKey, ClusterObject> objectMap() {
        Map<ObjectKey, ClusterObject> m = objects;
        if (m == null) {
            synchronized (this) {
                m = objects;
                if (m == null) {
                    m = Collections.unmodifiableMap(applied(base.objectMap(), setByKey.values(), deleted));
                    objects = m;
                }
            }
        }
        return m;
    }

    public Collection<ClusterObject> objects() {
        return objectMap().values();
    }

    public @Nullable ClusterObject get(ObjectKey key) {
        Map<ObjectKey, ClusterObject> m = objects;
        if (m != null) {
            return m.get(key);
        }
        ClusterObject set = setByKey.get(key);
        if (set != null) {
            return set;
        }
        return deleted.contains(key) ? null : base.get(key);
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
        return get(new ObjectKey("Namespace", null, name)) instanceof Namespace n ? n : null;
    }

    public List<Pod> pods() {
        return pods;
    }

    public @Nullable Pod pod(String namespace, String name) {
        return get(new ObjectKey("Pod", namespace, name)) instanceof Pod p ? p : null;
    }

    public List<ServiceAccount> serviceAccounts() {
        return serviceAccounts;
    }

    public @Nullable ServiceAccount serviceAccount(String namespace, String name) {
        return get(new ObjectKey("ServiceAccount", namespace, name)) instanceof ServiceAccount s ? s : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterState c && objectMap().equals(c.objectMap());
    }

    @Override
    public int hashCode() {
        return objectMap().hashCode();
    }

    @Override
    public String toString() {
        return "ClusterState" + objectMap().keySet();
    }
}
