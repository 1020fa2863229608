package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.ContainerPort;
import dev.tierdeck.engine.model.GlobalNetworkSet;
import dev.tierdeck.engine.model.IpAddress;
import dev.tierdeck.engine.model.Namespace;
import dev.tierdeck.engine.model.NetworkSet;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.ServiceAccount;
import dev.tierdeck.engine.selector.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Endpoints and network sets of a cluster, numbered. Compiled from scratch, pods are sorted by namespace and name,
 * so a namespace's pods hold consecutive ids. An index derived for pod, namespace or service-account changes keeps
 * every other pod's id: a removed pod leaves an empty slot (no pod, no labels), which a later pod of the same
 * namespace takes, and new pods without such a slot are numbered after the last one.
 */
final class Index {

    private static final int[] NONE = new int[0];
    private static final IpAddress[] NO_ADDRESSES = new IpAddress[0];

    /** The pod of each id; {@code null} for an empty slot. */
    final @Nullable Pod[] pods;

    final @Nullable EndpointLabels[] podLabels;
    final boolean[] podOwnsPcns;
    /** Each namespace's pod ids, ascending; only namespaces with pods. */
    final Map<String, int[]> namespaceMembers;

    final Map<String, Labels> namespaceViews;
    final Map<String, Map<String, Integer>> podIds;
    final IpAddress[][] podIps;
    /** The pod of an address; with several, the first by namespace and name (as a scratch compile numbers them). */
    final AddressMap podByIp;
    /** Addresses held by more than one pod, with all of them (empty in a healthy cluster). */
    private final Map<IpAddress, int[]> sharedIps;
    /** Empty slots by the namespace of the pod that left them. */
    private final Map<String, int[]> freeSlots;
    /** Slots numbered after the last one since the index was compiled from scratch. */
    final int appended;
    /** Whether this index was derived from another rather than built from scratch. */
    final boolean derived;

    final @Nullable String[] netsetNamespaces;
    final EndpointLabels[] netsetLabels;
    final Cidr[][] netsetCidrs;
    private final ConcurrentHashMap<IpAddress, int[]> netsetsByIp;
    /** Named-port numbers, shared by every index derived from the same scratch compile (see {@link NamedPorts}). */
    final NamedPorts.Names portNames;

    private volatile @Nullable NamedPorts namedPorts;

    Index(ClusterState state) {
        Map<String, Map<String, String>> nsLabels = new HashMap<>();
        for (Namespace n : state.namespaces()) {
            nsLabels.put(n.name(), n.labels());
        }
        Map<String, Map<String, String>> saLabels = new HashMap<>();
        for (ServiceAccount sa : state.serviceAccounts()) {
            saLabels.put(sa.namespace() + "/" + sa.name(), sa.labels());
        }
        List<Pod> sorted = new ArrayList<>(state.pods());
        sorted.sort(Comparator.comparing(Pod::namespace).thenComparing(Pod::name));
        pods = sorted.toArray(new Pod[0]);
        podLabels = new EndpointLabels[pods.length];
        podOwnsPcns = new boolean[pods.length];
        podIps = new IpAddress[pods.length][];
        podIds = new HashMap<>();
        podByIp = new AddressMap();
        sharedIps = new HashMap<>();
        freeSlots = new HashMap<>();
        appended = 0;
        derived = false;
        Map<String, int[]> ranges = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pods.length; i++) {
            Pod p = pods[i];
            podLabels[i] = new EndpointLabels(
                    p.labels(),
                    p.namespace(),
                    nsLabels.getOrDefault(p.namespace(), Map.of()),
                    true,
                    p.serviceAccountName(),
                    saLabels.getOrDefault(p.namespace() + "/" + p.serviceAccountName(), Map.of()));
            podOwnsPcns[i] = podLabels[i].ownsNamespaceLabels();
            podIds.computeIfAbsent(p.namespace(), k -> new HashMap<>()).put(p.name(), i);
            podIps[i] = addresses(p);
            for (IpAddress a : podIps[i]) {
                Integer first = podByIp.putIfAbsent(a, i);
                if (first != null) {
                    sharedIps.merge(a, new int[] {first, i}, Index::union);
                }
            }
            int start = i;
            int[] range = ranges.computeIfAbsent(p.namespace(), k -> new int[] {start, start});
            range[1] = i + 1;
        }
        namespaceMembers = new HashMap<>();
        ranges.forEach((ns, r) -> {
            int[] ids = new int[r[1] - r[0]];
            Arrays.setAll(ids, k -> r[0] + k);
            namespaceMembers.put(ns, ids);
        });
        namespaceViews = new HashMap<>();
        for (Namespace n : state.namespaces()) {
            namespaceViews.put(n.name(), EndpointLabels.namespaceView(n.name(), n.labels()));
        }
        for (String ns : namespaceMembers.keySet()) {
            namespaceViews.computeIfAbsent(ns, k -> EndpointLabels.namespaceView(k, Map.of()));
        }
        int n = state.networkSets().size() + state.globalNetworkSets().size();
        netsetNamespaces = new String[n];
        netsetLabels = new EndpointLabels[n];
        netsetCidrs = new Cidr[n][];
        int i = 0;
        for (NetworkSet s : state.networkSets()) {
            netsetNamespaces[i] = s.namespace();
            netsetLabels[i] = new EndpointLabels(
                    s.labels(), s.namespace(), nsLabels.getOrDefault(s.namespace(), Map.of()), false, null, Map.of());
            netsetCidrs[i++] = cidrs(s.nets());
        }
        for (GlobalNetworkSet s : state.globalNetworkSets()) {
            netsetNamespaces[i] = null;
            netsetLabels[i] = new EndpointLabels(s.labels(), null, Map.of(), false, null, Map.of());
            netsetCidrs[i++] = cidrs(s.nets());
        }
        netsetsByIp = new ConcurrentHashMap<>();
        portNames = new NamedPorts.Names();
    }

    /**
     * {@code previous} with the changed pods of {@code change} (new, gone, or with other labels, addresses, ports or
     * service account) renumbered in place; network sets, their labels and the address cache are shared.
     */
    Index(Index previous, ClusterState state, EndpointChanges change) {
        int length = previous.pods.length + change.appendedSlots();
        pods = Arrays.copyOf(previous.pods, length);
        podLabels = Arrays.copyOf(previous.podLabels, length);
        podOwnsPcns = Arrays.copyOf(previous.podOwnsPcns, length);
        podIps = Arrays.copyOf(previous.podIps, length);
        Arrays.fill(podIps, previous.pods.length, length, NO_ADDRESSES);
        podIds = new HashMap<>(previous.podIds);
        namespaceMembers = new HashMap<>(previous.namespaceMembers);
        podByIp = previous.podByIp.copy();
        sharedIps = new HashMap<>(previous.sharedIps);
        freeSlots = new HashMap<>(previous.freeSlots);
        namespaceViews = new HashMap<>(previous.namespaceViews);
        appended = previous.appended + change.appendedSlots();
        derived = true;
        netsetNamespaces = previous.netsetNamespaces;
        netsetLabels = previous.netsetLabels;
        netsetCidrs = previous.netsetCidrs;
        netsetsByIp = previous.netsetsByIp;
        portNames = previous.portNames;
        Map<String, Map<String, Integer>> touchedIds = new HashMap<>();
        for (int id : change.removed()) {
            Pod gone = previous.pods[id];
            ids(touchedIds, gone.namespace()).remove(gone.name());
            withdrawAddresses(id, podIps[id]);
            pods[id] = null;
            podLabels[id] = null;
            podOwnsPcns[id] = false;
            podIps[id] = NO_ADDRESSES;
            freeSlots.merge(gone.namespace(), new int[] {id}, Index::union);
        }
        for (EndpointChanges.Placed placed : change.placed()) {
            int id = placed.id();
            Pod pod = placed.pod();
            Pod before = pods[id];
            if (before == null) {
                freeSlots.computeIfPresent(pod.namespace(), (ns, free) -> without(free, id));
            } else {
                withdrawAddresses(id, podIps[id]);
            }
            pods[id] = pod;
            ids(touchedIds, pod.namespace()).put(pod.name(), id);
            podIps[id] = addresses(pod);
            for (IpAddress a : podIps[id]) {
                claimAddress(id, a);
            }
        }
        for (String ns : change.namespacesWithOtherPods()) {
            int[] members = members(ns, change);
            if (members.length == 0) {
                namespaceMembers.remove(ns);
            } else {
                namespaceMembers.put(ns, members);
            }
        }
        touchedIds.forEach((ns, names) -> {
            if (names.isEmpty()) {
                podIds.remove(ns);
            } else {
                podIds.put(ns, names);
            }
        });
        // as a scratch compile: every Namespace object's labels, and no labels for a namespace known only by its pods
        java.util.Set<String> views = new java.util.HashSet<>(change.namespaces());
        views.addAll(change.namespacesWithOtherPods());
        for (String ns : views) {
            Namespace n = state.namespace(ns);
            if (n != null) {
                namespaceViews.put(ns, EndpointLabels.namespaceView(ns, n.labels()));
            } else if (namespaceMembers.containsKey(ns)) {
                namespaceViews.put(ns, EndpointLabels.namespaceView(ns, Map.of()));
            } else {
                namespaceViews.remove(ns);
            }
        }
        for (int id = change.relabeled().nextSetBit(0);
                id >= 0;
                id = change.relabeled().nextSetBit(id + 1)) {
            Pod p = pods[id];
            if (p == null) {
                continue;
            }
            Namespace n = state.namespace(p.namespace());
            ServiceAccount sa = state.serviceAccount(p.namespace(), p.serviceAccountName());
            podLabels[id] = new EndpointLabels(
                    p.labels(),
                    p.namespace(),
                    n == null ? Map.of() : n.labels(),
                    true,
                    p.serviceAccountName(),
                    sa == null ? Map.of() : sa.labels());
            podOwnsPcns[id] = podLabels[id].ownsNamespaceLabels();
        }
    }

    private Map<String, Integer> ids(Map<String, Map<String, Integer>> touched, String namespace) {
        return touched.computeIfAbsent(namespace, ns -> new HashMap<>(podIds.getOrDefault(ns, Map.of())));
    }

    /** The namespace's pods after the change, ascending. */
    private int[] members(String namespace, EndpointChanges change) {
        int[] before = namespaceMembers.getOrDefault(namespace, NONE);
        java.util.BitSet ids = new java.util.BitSet();
        for (int id : before) {
            ids.set(id);
        }
        for (int id : change.removed()) {
            ids.clear(id);
        }
        for (EndpointChanges.Placed placed : change.placed()) {
            if (placed.pod().namespace().equals(namespace)) {
                ids.set(placed.id());
            }
        }
        return ids.stream().toArray();
    }

    private void claimAddress(int id, IpAddress a) {
        Integer current = podByIp.putIfAbsent(a, id);
        if (current == null || current == id) {
            return;
        }
        int[] holders = union(sharedIps.getOrDefault(a, new int[] {current}), new int[] {id});
        sharedIps.put(a, holders);
        podByIp.put(a, first(holders));
    }

    private void withdrawAddresses(int id, IpAddress[] addresses) {
        for (IpAddress a : addresses) {
            int[] holders = sharedIps.get(a);
            if (holders == null) {
                podByIp.remove(a, id);
                continue;
            }
            int[] rest = without(holders, id);
            if (rest.length <= 1) {
                sharedIps.remove(a);
            } else {
                sharedIps.put(a, rest);
            }
            if (rest.length == 0) {
                podByIp.remove(a);
            } else {
                podByIp.put(a, first(rest));
            }
        }
    }

    /** Of pods sharing an address, the first by namespace and name. */
    private int first(int[] holders) {
        int best = holders[0];
        for (int id : holders) {
            Pod p = pods[id];
            Pod b = pods[best];
            if (p != null
                    && (b == null
                            || p.namespace().compareTo(b.namespace()) < 0
                            || (p.namespace().equals(b.namespace()) && p.name().compareTo(b.name()) < 0))) {
                best = id;
            }
        }
        return best;
    }

    private static int[] union(int[] a, int[] b) {
        return java.util.stream.IntStream.concat(Arrays.stream(a), Arrays.stream(b))
                .distinct()
                .sorted()
                .toArray();
    }

    private static int[] without(int[] a, int id) {
        return Arrays.stream(a).filter(x -> x != id).toArray();
    }

    /** An empty slot left by a pod of this namespace, or -1. */
    int freeSlot(String namespace, java.util.BitSet taken) {
        for (int id : freeSlots.getOrDefault(namespace, NONE)) {
            if (!taken.get(id)) {
                return id;
            }
        }
        return -1;
    }

    /** Number of empty slots. */
    int freeSlotCount() {
        int n = 0;
        for (int[] free : freeSlots.values()) {
            n += free.length;
        }
        return n;
    }

    private static IpAddress[] addresses(Pod p) {
        return p.ips().stream()
                .map(IpAddress::parse)
                .filter(a -> a != null)
                .distinct()
                .toArray(IpAddress[]::new);
    }

    private static Cidr[] cidrs(List<String> nets) {
        return nets.stream().map(Cidr::parse).filter(c -> c != null).toArray(Cidr[]::new);
    }

    /** Number of pod ids, empty slots included. */
    int podCount() {
        return pods.length;
    }

    int netsetCount() {
        return netsetLabels.length;
    }

    /** Ids of the network sets with a CIDR containing {@code ip} (cached per address). */
    int[] netsetsContaining(@Nullable IpAddress ip) {
        if (ip == null || netsetCidrs.length == 0) {
            return NONE;
        }
        int[] cached = netsetsByIp.get(ip);
        if (cached != null) {
            return cached;
        }
        List<Integer> ids = new ArrayList<>();
        for (int s = 0; s < netsetCidrs.length; s++) {
            for (Cidr c : netsetCidrs[s]) {
                if (c.contains(ip)) {
                    ids.add(s);
                    break;
                }
            }
        }
        int[] result =
                ids.isEmpty() ? NONE : ids.stream().mapToInt(Integer::intValue).toArray();
        if (netsetsByIp.size() < 1_000_000) {
            netsetsByIp.put(ip, result);
        }
        return result;
    }

    /** Whether pod {@code id} declares a port named {@code name} with this protocol and number (§2.7). */
    boolean declaresNamedPort(int id, String name, int protocol, int port) {
        Pod pod = pods[id];
        if (pod == null) {
            return false;
        }
        for (ContainerPort cp : pod.ports()) {
            if (name.equals(cp.name()) && cp.port() == port && cp.protocol().number() == protocol) {
                return true;
            }
        }
        return false;
    }

    /** The pods' named ports numbered for the verdict-only path, built on first use. */
    NamedPorts namedPorts() {
        NamedPorts n = namedPorts;
        if (n == null) {
            synchronized (this) {
                n = namedPorts;
                if (n == null) {
                    n = new NamedPorts(this);
                    namedPorts = n;
                }
            }
        }
        return n;
    }

    int podId(String namespace, String name) {
        Map<String, Integer> names = podIds.get(namespace);
        Integer id = names == null ? null : names.get(name);
        return id == null ? -1 : id;
    }
}
