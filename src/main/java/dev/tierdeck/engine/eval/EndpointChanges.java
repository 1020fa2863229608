package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.Namespace;
import dev.tierdeck.engine.model.NetworkSet;
import dev.tierdeck.engine.model.ObjectKey;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.ServiceAccount;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How the endpoints of a new state differ from those of a compiled cluster, in the compiled cluster's numbering:
 * pods gone, pods placed (new ones in a free or new slot, changed ones in their own), and pods whose labels as a
 * selector sees them change (their own, their namespace's or their service account's). Network sets and tiers must
 * be the very same objects; otherwise there is no derivation and the cluster is compiled from scratch.
 */
final class EndpointChanges {

    /** A pod and the id it takes. */
    record Placed(int id, Pod pod) {}

    private final int[] removed;
    private final List<Placed> placed;
    private final BitSet relabeled;
    private final Set<String> namespaces;
    private final Set<String> namespacesWithOtherPods;
    private final int appendedSlots;
    private final int[] changed;
    private final Map<String, int[]> changedByNamespace;

    private EndpointChanges(
            int[] removed,
            List<Placed> placed,
            BitSet relabeled,
            Set<String> namespaces,
            Set<String> namespacesWithOtherPods,
            int appendedSlots,
            Map<String, BitSet> byNamespace) {
        this.removed = removed;
        this.placed = List.copyOf(placed);
        this.relabeled = relabeled;
        this.namespaces = Set.copyOf(namespaces);
        this.namespacesWithOtherPods = Set.copyOf(namespacesWithOtherPods);
        this.appendedSlots = appendedSlots;
        BitSet all = new BitSet();
        Map<String, int[]> perNamespace = new HashMap<>();
        byNamespace.forEach((ns, ids) -> {
            all.or(ids);
            perNamespace.put(ns, ids.stream().toArray());
        });
        this.changed = all.stream().toArray();
        this.changedByNamespace = Map.copyOf(perNamespace);
    }

    /**
     * The changes from {@code previous} to {@code state}, or {@code null} when a scratch compile is due: network
     * sets or tiers differ, a namespace holding network sets was relabelled, too many pods changed to be worth it, or
     * too many pods were numbered after the last slot since the last scratch compile (ids are then compacted).
     */
    static @Nullable EndpointChanges between(CompiledCluster previous, ClusterState state) {
        ClusterState old = previous.state;
        Index ix = previous.index;
        if (!same(old.networkSets(), state.networkSets())
                || !same(old.globalNetworkSets(), state.globalNetworkSets())
                || !same(old.tiers(), state.tiers())) {
            return null;
        }
        Set<String> namespaces = changedNamespaces(old, state);
        for (NetworkSet s : state.networkSets()) {
            if (namespaces.contains(s.namespace())) {
                // a network set's labels include its namespace's (§2.5): its memberships would change too
                return null;
            }
        }
        Set<String> accounts = changedServiceAccounts(old, state);

        BitSet seen = new BitSet(ix.podCount());
        List<Pod> added = new ArrayList<>();
        List<Placed> placed = new ArrayList<>();
        for (Pod p : state.pods()) {
            int id = ix.podId(p.namespace(), p.name());
            if (id < 0) {
                added.add(p);
                continue;
            }
            seen.set(id);
            Pod before = ix.pods[id];
            if (before != p && !p.equals(before)) {
                placed.add(new Placed(id, p));
            }
        }
        List<Integer> gone = new ArrayList<>();
        Map<String, Deque<Integer>> freedNow = new HashMap<>();
        for (int id = 0; id < ix.podCount(); id++) {
            Pod p = ix.pods[id];
            if (p != null && !seen.get(id)) {
                gone.add(id);
                freedNow.computeIfAbsent(p.namespace(), ns -> new ArrayDeque<>())
                        .add(id);
            }
        }
        int live = state.pods().size();
        if (gone.size() + added.size() + placed.size() > Math.max(256, live / 4)) {
            return null;
        }
        BitSet taken = new BitSet();
        int appended = 0;
        Set<String> otherPods = new HashSet<>();
        for (Pod p : added) {
            // a slot of the same namespace keeps the namespace's ids close together (small member sets)
            Deque<Integer> freed = freedNow.get(p.namespace());
            int id = freed != null && !freed.isEmpty() ? freed.poll() : ix.freeSlot(p.namespace(), taken);
            if (id < 0) {
                id = ix.podCount() + appended++;
            }
            taken.set(id);
            placed.add(new Placed(id, p));
            otherPods.add(p.namespace());
        }
        if (ix.appended + appended > Math.max(1024, live / 8)) {
            return null;
        }
        Map<String, BitSet> byNamespace = new HashMap<>();
        for (int id : gone) {
            String ns = ix.pods[id].namespace();
            otherPods.add(ns);
            byNamespace.computeIfAbsent(ns, k -> new BitSet()).set(id);
        }
        BitSet relabeled = new BitSet();
        for (Placed p : placed) {
            relabeled.set(p.id());
            byNamespace.computeIfAbsent(p.pod().namespace(), k -> new BitSet()).set(p.id());
        }
        Set<String> relabel = new HashSet<>(namespaces);
        for (String account : accounts) {
            relabel.add(account.substring(0, account.indexOf('/')));
        }
        for (String ns : relabel) {
            for (int id : ix.namespaceMembers.getOrDefault(ns, new int[0])) {
                Pod p = ix.pods[id];
                if (p != null
                        && seen.get(id)
                        && (namespaces.contains(ns) || accounts.contains(ns + "/" + p.serviceAccountName()))) {
                    relabeled.set(id);
                    byNamespace.computeIfAbsent(ns, k -> new BitSet()).set(id);
                }
            }
        }
        return new EndpointChanges(
                gone.stream().mapToInt(Integer::intValue).toArray(),
                placed,
                relabeled,
                namespaces,
                otherPods,
                appended,
                byNamespace);
    }

    /** Names of the namespaces whose Namespace object is new, gone or different. */
    private static Set<String> changedNamespaces(ClusterState old, ClusterState state) {
        Set<String> changed = new HashSet<>();
        Map<String, Namespace> before = new HashMap<>();
        for (Namespace n : old.namespaces()) {
            before.put(n.name(), n);
        }
        for (Namespace n : state.namespaces()) {
            Namespace b = before.remove(n.name());
            if (b != n && !n.equals(b)) {
                changed.add(n.name());
            }
        }
        changed.addAll(before.keySet());
        return changed;
    }

    /** {@code namespace/name} of the service accounts that are new, gone or different. */
    private static Set<String> changedServiceAccounts(ClusterState old, ClusterState state) {
        Set<String> changed = new HashSet<>();
        if (same(old.serviceAccounts(), state.serviceAccounts())) {
            return changed;
        }
        Map<ObjectKey, ServiceAccount> before = new HashMap<>();
        for (ServiceAccount sa : old.serviceAccounts()) {
            before.put(sa.key(), sa);
        }
        for (ServiceAccount sa : state.serviceAccounts()) {
            ServiceAccount b = before.remove(sa.key());
            if (b != sa && !sa.equals(b)) {
                changed.add(sa.namespace() + "/" + sa.name());
            }
        }
        for (ServiceAccount sa : before.values()) {
            changed.add(sa.namespace() + "/" + sa.name());
        }
        return changed;
    }

    private static boolean same(List<?> a, List<?> b) {
        if (a == b) {
            return true;
        }
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i) && !Objects.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Ids of the pods that are gone (their slots are emptied). */
    int[] removed() {
        return removed;
    }

    /** Pods that are new or changed, with their ids. */
    List<Placed> placed() {
        return placed;
    }

    /** Ids whose selector labels are built again (placed pods, pods of relabelled namespaces and accounts). */
    BitSet relabeled() {
        return relabeled;
    }

    /** Namespaces whose Namespace object is new, gone or different. */
    Set<String> namespaces() {
        return namespaces;
    }

    /** Namespaces that gained or lost pods. */
    Set<String> namespacesWithOtherPods() {
        return namespacesWithOtherPods;
    }

    /** Ids numbered after the last slot of the previous index. */
    int appendedSlots() {
        return appendedSlots;
    }

    /** Every id whose memberships and selections must be decided again, ascending. */
    int[] changed() {
        return changed;
    }

    /** The changed ids of one namespace (for selectors that only see that namespace). */
    int[] changedIn(@Nullable String namespace) {
        int[] ids = namespace == null ? null : changedByNamespace.get(namespace);
        return ids == null ? new int[0] : ids;
    }

    boolean isEmpty() {
        return changed.length == 0 && namespaces.isEmpty();
    }
}
