package dev.tierdeck.tier;

import dev.tierdeck.engine.eval.RulePeers;
import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.ContainerPort;
import dev.tierdeck.engine.model.IpAddress;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.selector.Selector;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The cluster as the guardrails read it: rule peers resolved by the engine, the namespaces with their labels, the
 * pods' addresses and named ports. Built once per cluster state and kept for the next check (one entry), so that the
 * editor's check on every keystroke neither indexes the cluster again nor walks every pod more than it must. Shared
 * between threads: its only mutable part is a bounded, synchronised cache.
 */
final class ClusterView {

    private static final AtomicReference<@Nullable ClusterView> LAST = new AtomicReference<>();
    private static final int MEMBER_CACHE = 256;

    /** Pods that declare one name with one protocol and port. */
    private record NamedPort(int protocol, int port, BitSet pods) {}

    /** A peer's identity criterion without its members: what its members' addresses depend on. */
    private record PeerKey(
            RulePeers.Scope scope,
            @Nullable String namespace,
            @Nullable Selector namespaceSelector,
            @Nullable Selector selector,
            @Nullable Set<String> serviceAccountNames,
            @Nullable Selector serviceAccountSelector,
            @Nullable Selector excluded,
            boolean negated) {}

    private final ClusterState state;
    private final Map<String, Map<String, String>> namespaces;
    private final RulePeers peers;
    private final List<Pod> pods;
    private final IdentityHashMap<Pod, Integer> podIndex = new IdentityHashMap<>();
    /** Each pod's addresses, parsed once, in the order of {@link #pods}. */
    private final IpAddress[][] podIps;
    /** For each pod, the index of the first pod of the next namespace (pods come sorted by namespace). */
    private final int[] nextNamespace;

    private final AddressSet podAddresses;
    private final Map<String, List<NamedPort>> namedPorts = new HashMap<>();
    private final Map<PeerKey, AddressSet> memberAddresses =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<PeerKey, AddressSet> eldest) {
                    return size() > MEMBER_CACHE;
                }
            });

    private ClusterView(ClusterState state, Map<String, Map<String, String>> namespaces) {
        this.state = state;
        this.namespaces = Map.copyOf(namespaces);
        this.peers = RulePeers.of(state);
        this.pods = peers.pods();
        this.podIps = new IpAddress[pods.size()][];
        this.nextNamespace = new int[pods.size()];
        List<AddressRanges> v4 = new ArrayList<>();
        List<AddressRanges> v6 = new ArrayList<>();
        Map<String, Map<List<Integer>, BitSet>> byName = new HashMap<>();
        for (int i = 0; i < pods.size(); i++) {
            Pod pod = pods.get(i);
            podIndex.put(pod, i);
            podIps[i] = pod.ips().stream()
                    .map(IpAddress::parse)
                    .filter(a -> a != null)
                    .toArray(IpAddress[]::new);
            for (IpAddress a : podIps[i]) {
                (a.v6() ? v6 : v4).add(AddressRanges.of(a));
            }
            for (ContainerPort cp : pod.ports()) {
                if (cp.name() != null) {
                    byName.computeIfAbsent(cp.name(), k -> new HashMap<>())
                            .computeIfAbsent(List.of(cp.protocol().number(), cp.port()), k -> new BitSet())
                            .set(i);
                }
            }
        }
        for (int i = pods.size() - 1; i >= 0; i--) {
            boolean last = i == pods.size() - 1
                    || !pods.get(i + 1).namespace().equals(pods.get(i).namespace());
            nextNamespace[i] = last ? i + 1 : nextNamespace[i + 1];
        }
        byName.forEach((name, groups) -> groups.forEach((pp, set) -> namedPorts
                .computeIfAbsent(name, k -> new ArrayList<>())
                .add(new NamedPort(pp.get(0), pp.get(1), set))));
        this.podAddresses = new AddressSet(AddressRanges.union(32, v4), AddressRanges.union(128, v6));
    }

    static ClusterView of(ClusterState state, Map<String, Map<String, String>> namespaces) {
        ClusterView last = LAST.get();
        if (last != null && last.state == state && last.namespaces.equals(namespaces)) {
            return last;
        }
        ClusterView fresh = new ClusterView(state, namespaces);
        LAST.set(fresh);
        return fresh;
    }

    RulePeers peers() {
        return peers;
    }

    /** Every namespace with its labels. */
    Map<String, Map<String, String>> namespaces() {
        return namespaces;
    }

    AddressSet podAddresses() {
        return podAddresses;
    }

    /** The namespaces of the pods with an address in the set: peers a rule reaches by address. */
    Set<String> namespacesOfPodsIn(AddressSet addresses) {
        Set<String> out = new TreeSet<>();
        if (addresses.intersect(podAddresses).isEmpty()) {
            return out;
        }
        int i = 0;
        while (i < pods.size()) {
            if (hasAddressIn(i, addresses)) {
                out.add(pods.get(i).namespace());
                i = nextNamespace[i];
            } else {
                i++;
            }
        }
        return out;
    }

    /** The indexes of these pods, in {@link #pods} order. */
    BitSet indexes(List<Pod> some) {
        BitSet out = new BitSet(pods.size());
        for (Pod p : some) {
            Integer i = podIndex.get(p);
            if (i != null) {
                out.set(i);
            }
        }
        return out;
    }

    /** Every pod, as indexes. */
    BitSet allPods() {
        BitSet out = new BitSet(pods.size());
        out.set(0, pods.size());
        return out;
    }

    boolean hasAddressIn(int pod, AddressSet addresses) {
        for (IpAddress a : podIps[pod]) {
            if (addresses.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The {@code [protocol, port]} pairs that pods passing the filter declare under one of these names (calico-semantics
     * §2.7).
     */
    List<int[]> declared(Set<String> names, IntPredicate pods) {
        List<int[]> out = new ArrayList<>();
        for (String name : names) {
            for (NamedPort np : namedPorts.getOrDefault(name, List.of())) {
                for (int i = np.pods().nextSetBit(0); i >= 0; i = np.pods().nextSetBit(i + 1)) {
                    if (pods.test(i)) {
                        out.add(new int[] {np.protocol(), np.port()});
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** The addresses of a peer's members: its pods' addresses and its network sets' blocks. */
    AddressSet addressesOf(RulePeers.Peer peer) {
        PeerKey key = new PeerKey(
                peer.scope(),
                peer.namespace(),
                peer.namespaceSelector(),
                peer.selector(),
                peer.serviceAccountNames(),
                peer.serviceAccountSelector(),
                peer.excluded(),
                peer.negated());
        AddressSet cached = memberAddresses.get(key);
        if (cached != null) {
            return cached;
        }
        List<AddressRanges> v4 = new ArrayList<>();
        List<AddressRanges> v6 = new ArrayList<>();
        for (Pod pod : peer.pods()) {
            Integer i = podIndex.get(pod);
            for (IpAddress a : i == null ? new IpAddress[0] : podIps[i]) {
                (a.v6() ? v6 : v4).add(AddressRanges.of(a));
            }
        }
        for (RulePeers.NetworkSetMember set : peer.networkSets()) {
            for (Cidr c : set.nets()) {
                (c.v6() ? v6 : v4).add(AddressRanges.of(c));
            }
        }
        AddressSet out = new AddressSet(AddressRanges.union(32, v4), AddressRanges.union(128, v6));
        memberAddresses.put(key, out);
        return out;
    }
}
