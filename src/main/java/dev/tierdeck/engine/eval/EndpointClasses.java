package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.eval.CoveredEndpoints.Instance;
import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.ContainerPort;
import dev.tierdeck.engine.model.IpAddress;
import dev.tierdeck.engine.model.RuleAction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Covered endpoints of one side grouped into classes the policies cannot tell apart. The engine decides a flow from
 * the policy lists of its two endpoints and, rule by rule, from what each rule side tests (§2.6): peer membership
 * of the pod itself or of a network set holding its address, CIDR membership of the address, its IP family, and
 * named ports the pod declares (§2.7). Two endpoints with the same policy list for their direction and the same
 * answers to every such test of every rule that can see them (their own list's rules and the other side's) get
 * the same verdict with any partner, port and protocol; one of them stands for the class.
 */
final class EndpointClasses {

    /** Which side of a rule tests an endpoint: the sources are tested by rule sources, the destinations not. */
    enum Role {
        SOURCE,
        DESTINATION
    }

    /** One class: its policy list, the first endpoint, and an endpoint of another pod when there is one. */
    static final class EndpointClass {
        final int[] list;
        final Instance first;

        @Nullable
        Instance otherPod;

        EndpointClass(int[] list, Instance first) {
            this.list = list;
            this.first = first;
        }

        void add(Instance i) {
            if (otherPod == null && i.pod() != first.pod()) {
                otherPod = i;
            }
        }
    }

    /** The tests rule sides make of an endpoint: peers (by resolved members), CIDRs, and named ports. */
    static final class Criteria {
        final List<MemberSpec.Members> peers = new ArrayList<>();
        final List<Cidr> cidrs = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        private final Set<MemberSpec.Members> seenPeers = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Set<Cidr> seenCidrs = new HashSet<>();

        Criteria copy() {
            Criteria c = new Criteria();
            c.peers.addAll(peers);
            c.seenPeers.addAll(seenPeers);
            c.cidrs.addAll(cidrs);
            c.seenCidrs.addAll(seenCidrs);
            c.names.addAll(names);
            return c;
        }

        void add(CompiledRule.Side s) {
            if (s.peer != null && seenPeers.add(s.peer.members())) {
                peers.add(s.peer.members());
            }
            for (Cidr[] list : List.of(s.nets, s.notNets)) {
                for (Cidr c : list) {
                    if (seenCidrs.add(c)) {
                        cidrs.add(c);
                    }
                }
            }
            Collections.addAll(names, s.names);
            Collections.addAll(names, s.notNames);
        }
    }

    private record Key(int list, boolean pod, int addresses, BitSet tests, List<ContainerPort> named) {}

    private static final int[] OUTSIDE = new int[0];

    private final CompiledCluster cluster;
    private final Role role;
    private final Criteria counterpart;
    private final Set<String> extraNames;
    private final Map<int[], Integer> listIds = new IdentityHashMap<>();
    private final Map<int[], Criteria> listCriteria = new IdentityHashMap<>();

    /**
     * @param counterpart what the rules of the other side's lists test of this side's endpoints
     * @param extraNames port names whose declarations also set endpoints apart (the asserted named ports)
     */
    EndpointClasses(CompiledCluster cluster, Role role, Criteria counterpart, Set<String> extraNames) {
        this.cluster = cluster;
        this.role = role;
        this.counterpart = counterpart;
        this.extraNames = extraNames;
    }

    /** The policy list of a pod for this side's direction (egress for sources, ingress for destinations). */
    int[] list(int pod) {
        return role == Role.SOURCE ? cluster.egressLists[pod] : cluster.ingressLists[pod];
    }

    /** The rules of a list that can decide (enforced policies, Log rules left out: §7.17), for this direction. */
    static List<CompiledRule> rules(CompiledCluster c, int[] list, boolean ingress) {
        List<CompiledRule> out = new ArrayList<>();
        for (int k : list) {
            CompiledPolicy p = c.policies[k];
            if (p.staged || !(ingress ? p.ingressType : p.egressType)) {
                continue;
            }
            for (CompiledRule r : p.rules(ingress)) {
                if (r.action != RuleAction.Log) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** The pods and, when covered, the outside addresses of one side, in classes. */
    List<EndpointClass> group(CoveredEndpoints covered, List<Instance> pods) {
        Map<Key, EndpointClass> classes = new LinkedHashMap<>();
        for (Instance i : pods) {
            int[] list = list(i.pod());
            Criteria criteria = listCriteria.computeIfAbsent(list, this::criteria);
            Key key = key(i, listIds.computeIfAbsent(list, l -> listIds.size()), criteria);
            EndpointClass c = classes.get(key);
            if (c == null) {
                classes.put(key, new EndpointClass(list, i));
            } else {
                c.add(i);
            }
        }
        if (covered.coversOutside()) {
            for (Instance i : outside(covered)) {
                classes.computeIfAbsent(key(i, -1, counterpart), k -> new EndpointClass(OUTSIDE, i));
            }
        }
        return new ArrayList<>(classes.values());
    }

    private Criteria criteria(int[] list) {
        Criteria c = counterpart.copy();
        for (CompiledRule r : rules(cluster, list, role == Role.DESTINATION)) {
            c.add(role == Role.SOURCE ? r.source : r.destination);
        }
        return c;
    }

    private Key key(Instance i, int listId, Criteria criteria) {
        Index index = cluster.index;
        BitSet tests = new BitSet();
        int bit = 0;
        for (MemberSpec.Members m : criteria.peers) {
            tests.set(bit++, i.pod() >= 0 && m.pods().get(i.pod()));
        }
        IpAddress[] ips = i.ip() != null ? new IpAddress[] {i.ip()} : index.podIps[i.pod()];
        for (IpAddress ip : ips) {
            tests.set(bit++, ip.v6());
            int[] sets = index.netsetsContaining(ip);
            for (MemberSpec.Members m : criteria.peers) {
                tests.set(bit++, anyMember(m, sets));
            }
            for (Cidr c : criteria.cidrs) {
                tests.set(bit++, c.contains(ip));
            }
        }
        List<ContainerPort> named = new ArrayList<>();
        if (i.pod() >= 0) {
            for (ContainerPort p : index.pods[i.pod()].ports()) {
                if (p.name() != null && (criteria.names.contains(p.name()) || extraNames.contains(p.name()))) {
                    named.add(p);
                }
            }
        }
        return new Key(listId, i.pod() >= 0, ips.length, tests, named);
    }

    private static boolean anyMember(MemberSpec.Members m, int[] sets) {
        for (int s : sets) {
            if (m.netsets().get(s)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One address for each region of the covered ranges that no CIDR of the counterpart's rules and no network
     * set's CIDR cuts through (so every address of a region answers every test alike), skipping pods' addresses:
     * those are pods, covered as such.
     */
    private List<Instance> outside(CoveredEndpoints covered) {
        List<Cidr> cuts = new ArrayList<>(counterpart.cidrs);
        for (Cidr[] set : cluster.index.netsetCidrs) {
            Collections.addAll(cuts, set);
        }
        List<Instance> out = new ArrayList<>();
        for (AddressSpace range : covered.ranges()) {
            for (AddressSpace.Interval region : range.regions(cuts)) {
                BigInteger a = region.from();
                while (a.compareTo(region.to()) < 0
                        && cluster.index.podByIp.get(AddressSpace.address(range.v6, a)) != null) {
                    a = a.add(BigInteger.ONE);
                }
                if (a.compareTo(region.to()) < 0) {
                    out.add(new Instance(-1, AddressSpace.address(range.v6, a)));
                }
            }
        }
        return out;
    }
}
