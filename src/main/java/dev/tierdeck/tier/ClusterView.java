package dev.tierdeck.tier;

import dev.tierdeck.engine.eval.RulePeers;
import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.IpAddress;
import dev.tierdeck.engine.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The cluster as the guardrails read it: rule peers resolved by the engine, the namespaces with their labels, and
 * the pods' addresses. Built once per cluster state and kept for the next check (one entry), so that the editor's
 * check on every keystroke does not index the cluster again.
 */
final class ClusterView {

    private static final AtomicReference<ClusterView> LAST = new AtomicReference<>();

    private final ClusterState state;
    private final Map<String, Map<String, String>> namespaces;
    private final RulePeers peers;
    private final AddressSet podAddresses;

    private ClusterView(ClusterState state, Map<String, Map<String, String>> namespaces) {
        this.state = state;
        this.namespaces = Map.copyOf(namespaces);
        this.peers = RulePeers.of(state);
        List<AddressRanges> v4 = new ArrayList<>();
        List<AddressRanges> v6 = new ArrayList<>();
        for (Pod pod : state.pods()) {
            for (String ip : pod.ips()) {
                IpAddress a = IpAddress.parse(ip);
                if (a != null) {
                    (a.v6() ? v6 : v4).add(AddressRanges.of(a));
                }
            }
        }
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
        if (addresses.isEmpty()) {
            return out;
        }
        for (Pod pod : peers.pods()) {
            if (!out.contains(pod.namespace())
                    && pod.ips().stream().map(IpAddress::parse).anyMatch(a -> a != null && addresses.contains(a))) {
                out.add(pod.namespace());
            }
        }
        return out;
    }

    /** The addresses of a peer's members: its pods' addresses and its network sets' blocks. */
    static AddressSet addressesOf(RulePeers.Peer peer) {
        List<AddressRanges> v4 = new ArrayList<>();
        List<AddressRanges> v6 = new ArrayList<>();
        for (Pod pod : peer.pods()) {
            for (String ip : pod.ips()) {
                IpAddress a = IpAddress.parse(ip);
                if (a != null) {
                    (a.v6() ? v6 : v4).add(AddressRanges.of(a));
                }
            }
        }
        for (RulePeers.NetworkSetMember set : peer.networkSets()) {
            for (Cidr c : set.nets()) {
                (c.v6() ? v6 : v4).add(AddressRanges.of(c));
            }
        }
        return new AddressSet(AddressRanges.union(32, v4), AddressRanges.union(128, v6));
    }
}
