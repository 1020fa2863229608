package dev.tierdeck.tier;

import dev.tierdeck.engine.eval.RulePeers;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.EntityRule;
import dev.tierdeck.engine.model.PolicyType;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.engine.selector.ParseResult;
import dev.tierdeck.engine.selector.Selectors;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What the Allow rules of one direction of a policy let through, taken together and computed the way the engine
 * matches (calico-semantics §2.6-§2.8): the peer addresses, the protocols and ports, the namespaces the peers can be
 * in now and in principle. Rules are read in order: an earlier Deny or Pass that decides for every local endpoint
 * takes its addresses and ports out of what later Allow rules allow. Two policies with the same meaning get the same
 * reach, however their rules are split, ordered or spelled.
 *
 * @param addresses the peer addresses allowed now (pods and network sets resolved against the cluster)
 * @param outside those of them that are not addresses of the cluster's pods
 * @param ports the protocols and destination ports allowed
 * @param namespaces the namespaces of the cluster where an allowed peer can be
 * @param everyNamespace peers in every namespace there could be, not only today's
 * @param nonNamespaced peers that belong to no namespace (global network sets, host endpoints)
 * @param unreadable fields of rules whose selectors do not parse, with the parser's message: not measured
 */
record Reach(
        boolean ingress,
        AddressSet addresses,
        AddressSet outside,
        ProtocolPorts ports,
        Set<String> namespaces,
        boolean everyNamespace,
        boolean nonNamespaced,
        Map<String, String> unreadable) {

    /** Bound on the pieces one direction's allowed traffic is cut into by earlier Deny rules. */
    private static final int MAX_BOXES = 512;

    /** Traffic one Allow rule still lets through: in principle, now, and on which protocols and ports. */
    private record Box(AddressSet space, AddressSet now, ProtocolPorts ports) {}

    /** What an earlier Deny or Pass takes away for every local endpoint. */
    private record Taken(AddressSet addresses, ProtocolPorts ports) {}

    /** The reach of one direction, or {@code null} when the policy does not apply in that direction (§2.4). */
    static @Nullable Reach of(CalicoPolicy policy, boolean ingress, ClusterView cluster) {
        if (!policy.effectiveTypes().contains(ingress ? PolicyType.Ingress : PolicyType.Egress)) {
            return null;
        }
        List<Rule> rules = ingress ? policy.ingress() : policy.egress();
        String side = "spec." + (ingress ? "ingress" : "egress");
        List<Box> boxes = new ArrayList<>();
        List<Taken> taken = new ArrayList<>();
        Set<String> namespaces = new TreeSet<>();
        boolean every = false;
        boolean nonNamespaced = false;
        Map<String, String> unreadable = new LinkedHashMap<>();
        BitSet selected = null;
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (rule.action() == RuleAction.Log) {
                continue;
            }
            EntityRule peerSide = ingress ? rule.source() : rule.destination();
            String peerPath = side + "[" + i + "]." + (ingress ? "source" : "destination");
            RulePeers.Peer peer;
            try {
                peer = cluster.peers().peer(policy.namespace(), peerSide);
            } catch (IllegalArgumentException e) {
                unreadable(peerSide, peerPath, unreadable);
                continue;
            }
            AddressSet space = space(rule, peerSide);
            AddressSet now = now(space, peer, peerSide, cluster);
            Set<String> names = namedPorts(rule);
            if (ingress && selected == null && !names.isEmpty()) {
                selected = selectedPods(policy, cluster);
            }
            List<int[]> declared =
                    names.isEmpty() ? List.of() : declared(names, ingress, peer, space, selected, cluster);
            ProtocolPorts ports = ports(rule, declared);
            if (rule.action() != RuleAction.Allow) {
                if (decidesForEveryEndpoint(rule, ingress)) {
                    taken.add(new Taken(now, ports));
                }
                continue;
            }
            List<Box> left = new ArrayList<>(List.of(new Box(space, now, ports)));
            for (Taken t : taken) {
                left = cut(left, t);
            }
            if (left.isEmpty()) {
                // Earlier rules decide all of this rule's traffic: it allows nothing.
                continue;
            }
            boxes.addAll(left);
            PeerScope scope = PeerScope.of(peer, peerSide, policy.namespace(), cluster);
            namespaces.addAll(scope.namespaces());
            every |= scope.everyNamespace()
                    || (peer == null
                            && peerSide.services() == null
                            && left.stream().anyMatch(b -> b.space().holdsAFamily()));
            nonNamespaced |= scope.nonNamespaced();
        }
        AddressSet addresses = AddressSet.NONE;
        ProtocolPorts ports = ProtocolPorts.none();
        for (Box b : boxes) {
            addresses = addresses.union(b.now());
            ports = ports.union(b.ports());
        }
        namespaces.addAll(cluster.namespacesOfPodsIn(addresses));
        AddressSet outside = addresses.minus(cluster.podAddresses());
        return new Reach(ingress, addresses, outside, ports, namespaces, every, nonNamespaced, unreadable);
    }

    /**
     * One rule of a direction that earlier rules of the same policy decide entirely.
     *
     * @param rule the rule's index in its direction
     * @param from the first of the earlier rules that together take all of its traffic
     * @param to the last of them ({@code from} when one rule takes it all)
     * @param always whether that holds in principle (the earlier rules match by address, not by today's members)
     */
    record Decided(int rule, int from, int to, boolean always) {}

    /**
     * The rules of one direction that can never decide anything because earlier rules of the same policy match all
     * the traffic they match, read as {@link #of} reads rules: an earlier rule counts when it decides for every local
     * endpoint. A rule's traffic is its peer addresses now (pods and network sets resolved) with its protocols and
     * ports; it is decided "always" when the earlier rules that take it match by address alone (nets or anywhere),
     * so no pod appearing later changes the answer. Local-side criteria of the later rule only narrow it, so leaving
     * them out never reports a rule that can still decide something.
     */
    static List<Decided> decidedEarlier(CalicoPolicy policy, boolean ingress, ClusterView cluster) {
        if (!policy.effectiveTypes().contains(ingress ? PolicyType.Ingress : PolicyType.Egress)) {
            return List.of();
        }
        List<Rule> rules = ingress ? policy.ingress() : policy.egress();
        List<Decided> out = new ArrayList<>();
        List<Taken> takenNow = new ArrayList<>();
        List<Integer> takenBy = new ArrayList<>();
        List<Taken> takenAlways = new ArrayList<>();
        BitSet selected = null;
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (rule.action() == RuleAction.Log) {
                continue;
            }
            EntityRule peerSide = ingress ? rule.source() : rule.destination();
            RulePeers.Peer peer;
            try {
                peer = cluster.peers().peer(policy.namespace(), peerSide);
            } catch (IllegalArgumentException e) {
                continue;
            }
            AddressSet space = space(rule, peerSide);
            AddressSet now = now(space, peer, peerSide, cluster);
            Set<String> names = namedPorts(rule);
            if (ingress && selected == null && !names.isEmpty()) {
                selected = selectedPods(policy, cluster);
            }
            List<int[]> declared =
                    names.isEmpty() ? List.of() : declared(names, ingress, peer, space, selected, cluster);
            ProtocolPorts ports = ports(rule, declared);
            if (!now.isEmpty() && !ports.isEmpty() && !takenNow.isEmpty()) {
                boolean always = peer == null
                        && peerSide.services() == null
                        && cutAll(List.of(new Box(space, space, ports)), takenAlways)
                                .isEmpty();
                if (always
                        || cutAll(List.of(new Box(now, now, ports)), takenNow).isEmpty()) {
                    out.add(new Decided(i, firstNeeded(now, ports, takenNow, takenBy), takenBy.getLast(), always));
                }
            }
            if (decidesForEveryEndpoint(rule, ingress)) {
                takenNow.add(new Taken(now, ports));
                takenBy.add(i);
                if (peer == null && peerSide.services() == null) {
                    takenAlways.add(new Taken(space, ports));
                }
            }
        }
        return out;
    }

    private static List<Box> cutAll(List<Box> boxes, List<Taken> taken) {
        List<Box> left = boxes;
        for (Taken t : taken) {
            left = cut(left, t);
            if (left.isEmpty()) {
                break;
            }
        }
        return left;
    }

    /** The latest start from which the earlier rules, taken in order, still take all of the rule's traffic. */
    private static int firstNeeded(AddressSet now, ProtocolPorts ports, List<Taken> taken, List<Integer> by) {
        for (int k = taken.size() - 1; k >= 0; k--) {
            if (cutAll(List.of(new Box(now, now, ports)), taken.subList(k, taken.size()))
                    .isEmpty()) {
                return by.get(k);
            }
        }
        return by.getFirst();
    }

    /** Names the selector fields of a side that do not parse, with the parser's message and position. */
    private static void unreadable(EntityRule side, String path, Map<String, String> out) {
        Map<String, @Nullable String> fields = new LinkedHashMap<>();
        fields.put("selector", side.selector());
        fields.put("notSelector", side.notSelector());
        fields.put("namespaceSelector", side.namespaceSelector());
        fields.put(
                "serviceAccounts.selector",
                side.serviceAccounts() == null ? null : side.serviceAccounts().selector());
        int before = out.size();
        fields.forEach((field, text) -> {
            if (text != null && Selectors.parse(text) instanceof ParseResult.Error error) {
                out.put(path + "." + field, error.message() + " at " + error.position());
            }
        });
        if (out.size() == before) {
            out.put(path, "a selector does not parse");
        }
    }

    /** Each box less what an earlier rule takes: the addresses it takes keep only the ports it leaves. */
    private static List<Box> cut(List<Box> boxes, Taken t) {
        if (boxes.size() > MAX_BOXES) {
            // Too finely cut to follow further: keep the wider answer.
            return boxes;
        }
        List<Box> out = new ArrayList<>();
        for (Box b : boxes) {
            Box outsideTaken = new Box(b.space().minus(t.addresses()), b.now().minus(t.addresses()), b.ports());
            Box insideTaken = new Box(
                    b.space().intersect(t.addresses()),
                    b.now().intersect(t.addresses()),
                    b.ports().minus(t.ports()));
            for (Box part : List.of(outsideTaken, insideTaken)) {
                if (!part.space().isEmpty() && !part.ports().isEmpty()) {
                    out.add(part);
                }
            }
        }
        return out;
    }

    /**
     * The peer addresses the rule's nets allow in principle: the listed blocks (every address when there are none)
     * minus notNets, in the IP families the rule exists for. A rule with CIDRs exists only for a family that each of
     * its CIDR lists has an entry of (calico-semantics §2.6), as the engine compiles it.
     */
    private static AddressSet space(Rule rule, EntityRule peerSide) {
        List<List<String>> lists = List.of(
                rule.source().nets(),
                rule.source().notNets(),
                rule.destination().nets(),
                rule.destination().notNets());
        boolean v4 = (rule.ipVersion() == null || rule.ipVersion() == 4) && hasFamily(lists, false);
        boolean v6 = (rule.ipVersion() == null || rule.ipVersion() == 6) && hasFamily(lists, true);
        AddressSet family = AddressSet.family(v4, v6);
        AddressSet nets = peerSide.nets().isEmpty() ? AddressSet.ALL : blocks(peerSide.nets());
        return nets.minus(blocks(peerSide.notNets())).intersect(family);
    }

    private static boolean hasFamily(List<List<String>> lists, boolean v6) {
        for (List<String> l : lists) {
            if (!l.isEmpty() && l.stream().map(Cidr::parse).noneMatch(c -> c != null && c.v6() == v6)) {
                return false;
            }
        }
        return true;
    }

    /** Unparsable entries are dropped, as the engine drops them (Calico's validation refuses them first). */
    static AddressSet blocks(List<String> cidrs) {
        List<AddressRanges> v4 = new ArrayList<>();
        List<AddressRanges> v6 = new ArrayList<>();
        for (String text : cidrs) {
            Cidr c = Cidr.parse(text);
            if (c != null) {
                (c.v6() ? v6 : v4).add(AddressRanges.of(c));
            }
        }
        return new AddressSet(AddressRanges.union(32, v4), AddressRanges.union(128, v6));
    }

    /** The addresses matched now: those of the members, or all but theirs for a negated peer. */
    private static AddressSet now(
            AddressSet space, RulePeers.@Nullable Peer peer, EntityRule side, ClusterView cluster) {
        if (peer == null) {
            // A services peer matches the service's endpoints, which the cluster model does not hold.
            return side.services() == null ? space : AddressSet.NONE;
        }
        AddressSet members = cluster.addressesOf(peer);
        return peer.negated() ? space.minus(members) : space.intersect(members);
    }

    /**
     * Protocols and destination ports (§2.6, §2.7): no protocol is every protocol, minus {@code notProtocol}; no
     * ports is every port; ports exist only for TCP, UDP and SCTP, so a rule with ports lets no other protocol
     * through; a named port is the {@code declared} numbers of its protocol; {@code notPorts} numbers are taken out.
     */
    private static ProtocolPorts ports(Rule rule, List<int[]> declared) {
        List<Port> dst = rule.destination().ports();
        boolean constrained = !dst.isEmpty() || !rule.source().ports().isEmpty();
        List<int[]> numbers = dst.isEmpty()
                ? List.of(new int[] {ProtocolPorts.FIRST_PORT, ProtocolPorts.LAST_PORT})
                : ProtocolPorts.ranges(dst);
        List<int[]> excluded = ProtocolPorts.ranges(rule.destination().notPorts());
        ProtocolPorts.Builder out = new ProtocolPorts.Builder();
        for (int p = 1; p <= 255; p++) {
            if ((rule.protocol() != null && rule.protocol().number() != p)
                    || (rule.notProtocol() != null && rule.notProtocol().number() == p)) {
                continue;
            }
            if (!ProtocolPorts.carriesPorts(p)) {
                if (!constrained) {
                    out.whole(p);
                }
                continue;
            }
            List<int[]> ports = new ArrayList<>(numbers);
            for (int[] d : declared) {
                if (d[0] == p) {
                    ports.add(new int[] {d[1], d[1]});
                }
            }
            out.ports(p, ProtocolPorts.minus(ProtocolPorts.normalised(ports), excluded));
        }
        return out.build();
    }

    /**
     * The {@code [protocol, port]} pairs a rule's named destination ports stand for (§2.7): those the local pods the
     * policy selects declare, in ingress; in egress those of the peer's members, or of every pod when the peer has
     * no positive selector, with an address the rule's nets allow.
     */
    private static List<int[]> declared(
            Set<String> names,
            boolean ingress,
            RulePeers.@Nullable Peer peer,
            AddressSet space,
            @Nullable BitSet selected,
            ClusterView cluster) {
        if (ingress) {
            BitSet local = selected == null ? new BitSet() : selected;
            return cluster.declared(names, local::get);
        }
        BitSet candidates = peer != null && !peer.negated() ? cluster.indexes(peer.pods()) : cluster.allPods();
        return cluster.declared(names, i -> candidates.get(i) && cluster.hasAddressIn(i, space));
    }

    private static Set<String> namedPorts(Rule rule) {
        Set<String> names = new TreeSet<>();
        for (Port p : rule.destination().ports()) {
            if (p instanceof Port.Named n) {
                names.add(n.name());
            }
        }
        return names;
    }

    private static BitSet selectedPods(CalicoPolicy policy, ClusterView cluster) {
        try {
            return cluster.indexes(cluster.peers().selectedPods(policy));
        } catch (IllegalArgumentException e) {
            return new BitSet();
        }
    }

    /**
     * Whether a Deny or Pass applies to every local endpoint the policy selects, whatever its port or ICMP type, so
     * that what it matches is taken from later Allow rules for all of them: no criterion on the local side, none on
     * source ports, no ICMP match, and no named destination ports (which differ from endpoint to endpoint).
     */
    private static boolean decidesForEveryEndpoint(Rule rule, boolean ingress) {
        EntityRule local = ingress ? rule.destination() : rule.source();
        boolean named = rule.destination().ports().stream().anyMatch(p -> p instanceof Port.Named)
                || rule.destination().notPorts().stream().anyMatch(p -> p instanceof Port.Named);
        return rule.icmp() == null
                && rule.notICMP() == null
                && rule.source().ports().isEmpty()
                && rule.source().notPorts().isEmpty()
                && !named
                && local.nets().isEmpty()
                && local.notNets().isEmpty()
                && blank(local.selector())
                && blank(local.notSelector())
                && blank(local.namespaceSelector())
                && local.serviceAccounts() == null
                && local.services() == null;
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }
}
