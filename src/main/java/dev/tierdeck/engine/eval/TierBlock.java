package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.RuleAction;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The enforced rules of one tier for one direction, as one endpoint's policy list holds them, packed into a flat
 * array for the verdict-only path: the rules of the tier's enforced policies in order (Log rules left out: they
 * never decide, calico-semantics §7.17), seven words per rule, and the tier's default action. Rules with criteria
 * the packed form does not carry (ICMP, source ports, negated ports, services, several port ranges) keep their
 * compiled object and are matched through it, so every rule is matched exactly as {@link CompiledRule#matches}
 * does.
 */
final class TierBlock {

    static final int ALLOW = 0;
    static final int DENY = 1;
    static final int NEXT_TIER = 2;

    private static final int STRIDE = 7;
    private static final int[] NO_NETSETS = new int[0];

    // Word 0 of a rule: the action in the low two bits, then these flags and the two protocol fields.
    private static final long V4 = 1L << 2;
    private static final long V6 = 1L << 3;
    private static final long OBJECT = 1L << 4;
    private static final int PROTOCOL_SHIFT = 8;
    private static final int NOT_PROTOCOL_SHIFT = 18;
    private static final int PROTOCOL_LIMIT = (1 << 10) - 1;
    private static final long SRC_PEER = 1L << 28;
    private static final long SRC_NEGATED = 1L << 29;
    private static final long DST_PEER = 1L << 30;
    private static final long DST_NEGATED = 1L << 31;
    private static final long DST_PORTS = 1L << 32;
    private static final long DST_NAMES = 1L << 33;
    private static final long NETS = 1L << 34;
    private static final long SRC_SMALL = 1L << 35;
    private static final long DST_SMALL = 1L << 36;

    /**
     * Word 1: the peers (source low, destination high: a {@link PeerSet#small} set's base, else the set's number) or
     * the object's number; 2: the port range; 3: the names; 4: the CIDR lists; 5 and 6: the masks of small source
     * and destination sets, so that most membership tests read nothing but the rule's own words.
     */
    private final long[] code;

    private final PeerSet[] peers;
    private final int[][] names;
    /** Per rule with CIDRs: source nets, source notNets, destination nets, destination notNets (null when none). */
    private final PackedCidrs[][] nets;

    private final CompiledRule[] objects;
    private final boolean defaultDeny;

    /** Compiles the rules for {@code ingress} of these policies (all enforced, all of one tier, in order). */
    TierBlock(List<CompiledPolicy> tierPolicies, boolean ingress, NamedPorts.Names portNames) {
        this.defaultDeny = tierPolicies.getFirst().tier.defaultAction() == RuleAction.Deny;
        List<long[]> rules = new ArrayList<>();
        List<PeerSet> peerList = new ArrayList<>();
        Map<PeerSet, Integer> peerIds = new IdentityHashMap<>();
        List<int[]> nameList = new ArrayList<>();
        List<PackedCidrs[]> netList = new ArrayList<>();
        List<CompiledRule> objectList = new ArrayList<>();
        for (CompiledPolicy p : tierPolicies) {
            for (CompiledRule r : p.rules(ingress)) {
                if (r.action == RuleAction.Log) {
                    continue;
                }
                long action = switch (r.action) {
                    case Allow -> ALLOW;
                    case Deny -> DENY;
                    default -> NEXT_TIER;
                };
                if (!packable(r)) {
                    objectList.add(r);
                    rules.add(new long[] {action | OBJECT, objectList.size() - 1, 0, 0, 0, 0, 0});
                    continue;
                }
                long w = action | (r.v4 ? V4 : 0) | (r.v6 ? V6 : 0);
                w |= (long) (r.protocol + 1) << PROTOCOL_SHIFT | (long) (r.notProtocol + 1) << NOT_PROTOCOL_SHIFT;
                long peerWord = 0;
                long srcMask = 0;
                long dstMask = 0;
                if (r.source.peer != null) {
                    w |= SRC_PEER | (r.source.peer.negated() ? SRC_NEGATED : 0);
                    PeerSet set = r.source.peer.members().packed();
                    if (set.small) {
                        w |= SRC_SMALL;
                        peerWord |= set.base;
                        srcMask = set.mask;
                    } else {
                        peerWord |= id(set, peerList, peerIds);
                    }
                }
                if (r.destination.peer != null) {
                    w |= DST_PEER | (r.destination.peer.negated() ? DST_NEGATED : 0);
                    PeerSet set = r.destination.peer.members().packed();
                    if (set.small) {
                        w |= DST_SMALL;
                        peerWord |= (long) set.base << 32;
                        dstMask = set.mask;
                    } else {
                        peerWord |= (long) id(set, peerList, peerIds) << 32;
                    }
                }
                CompiledRule.Side d = r.destination;
                // An empty range (first 1, last 0) when the ports are all named.
                long range =
                        d.ranges.length == 1 ? d.ranges[0].first() & 0xFFFF_FFFFL | (long) d.ranges[0].last() << 32 : 1;
                long nameWord = 0;
                if (d.hasPorts) {
                    w |= DST_PORTS;
                }
                if (d.names.length > 0) {
                    w |= DST_NAMES;
                    nameList.add(NamedPorts.ids(portNames, d.names));
                    nameWord = nameList.size() - 1;
                }
                long netWord = 0;
                CompiledRule.Side s = r.source;
                if (s.nets.length + s.notNets.length + d.nets.length + d.notNets.length > 0) {
                    w |= NETS;
                    netList.add(
                            new PackedCidrs[] {packed(s.nets), packed(s.notNets), packed(d.nets), packed(d.notNets)});
                    netWord = netList.size() - 1;
                }
                rules.add(new long[] {w, peerWord, range, nameWord, netWord, srcMask, dstMask});
            }
        }
        code = new long[rules.size() * STRIDE];
        for (int i = 0; i < rules.size(); i++) {
            System.arraycopy(rules.get(i), 0, code, i * STRIDE, STRIDE);
        }
        peers = peerList.toArray(new PeerSet[0]);
        names = nameList.toArray(new int[0][]);
        nets = netList.toArray(new PackedCidrs[0][]);
        objects = objectList.toArray(new CompiledRule[0]);
    }

    /** Whether the packed form carries every criterion of the rule. */
    private static boolean packable(CompiledRule r) {
        CompiledRule.Side s = r.source;
        CompiledRule.Side d = r.destination;
        return r.icmp == null
                && r.notIcmp == null
                && r.protocol + 1 <= PROTOCOL_LIMIT
                && r.notProtocol + 1 <= PROTOCOL_LIMIT
                && plain(s)
                && plain(d)
                && !s.hasPorts
                && d.ranges.length <= 1;
    }

    private static boolean plain(CompiledRule.Side s) {
        return !s.services && s.notRanges.length == 0 && s.notNames.length == 0;
    }

    private static @Nullable PackedCidrs packed(Cidr[] cidrs) {
        return cidrs.length == 0 ? null : new PackedCidrs(cidrs);
    }

    private static int id(PeerSet set, List<PeerSet> peerList, Map<PeerSet, Integer> peerIds) {
        return peerIds.computeIfAbsent(set, k -> {
            peerList.add(k);
            return peerList.size() - 1;
        });
    }

    /** {@link #ALLOW}, {@link #DENY}, or {@link #NEXT_TIER} (a Pass, or no rule matched and the tier passes). */
    int decide(FlowContext f) {
        long[] c = code;
        for (int i = 0; i < c.length; i += STRIDE) {
            long w = c[i];
            boolean matched = (w & OBJECT) != 0 ? objects[(int) c[i + 1]].matches(f) : matches(w, c, i, f);
            if (matched) {
                return (int) (w & 3);
            }
        }
        return defaultDeny ? DENY : NEXT_TIER;
    }

    /** The criteria of {@link CompiledRule#matches} for a packed rule; see that method and its sides. */
    private boolean matches(long w, long[] c, int i, FlowContext f) {
        if ((w & (f.v6 ? V6 : V4)) == 0) {
            return false;
        }
        int protocol = (int) (w >>> PROTOCOL_SHIFT) & PROTOCOL_LIMIT;
        if (protocol != 0 && f.protocol != protocol - 1) {
            return false;
        }
        int notProtocol = (int) (w >>> NOT_PROTOCOL_SHIFT) & PROTOCOL_LIMIT;
        if (notProtocol != 0 && f.protocol == notProtocol - 1) {
            return false;
        }
        if ((w & NETS) != 0 && !netsMatch(nets[(int) c[i + 4]], f)) {
            return false;
        }
        long peerWord = c[i + 1];
        if ((w & SRC_PEER) != 0) {
            boolean member = (w & SRC_SMALL) != 0
                    ? PeerSet.hasPod((int) peerWord, c[i + 5], f.srcPod)
                    : peers[(int) peerWord].contains(f.srcPod, f.srcNetsets);
            if (member == ((w & SRC_NEGATED) != 0)) {
                return false;
            }
        }
        if ((w & DST_PEER) != 0 && dstMember(w, c, i, f.dstPod, f.dstNetsets) == ((w & DST_NEGATED) != 0)) {
            return false;
        }
        return (w & DST_PORTS) == 0 || destinationPortMatches(w, c, i, f);
    }

    /** Whether the destination peer has the endpoint (the pod, or one of the network sets holding its address). */
    private boolean dstMember(long w, long[] c, int i, int pod, int[] netsets) {
        return (w & DST_SMALL) != 0
                ? PeerSet.hasPod((int) (c[i + 1] >>> 32), c[i + 6], pod)
                : peers[(int) (c[i + 1] >>> 32)].contains(pod, netsets);
    }

    /** The nets and notNets of both sides, as {@code Side.matches} tests them (§2.6). */
    private static boolean netsMatch(@Nullable PackedCidrs[] n, FlowContext f) {
        return (n[0] == null || n[0].containsAny(f.srcIp))
                && (n[1] == null || !n[1].containsAny(f.srcIp))
                && (n[2] == null || n[2].containsAny(f.dstIp))
                && (n[3] == null || !n[3].containsAny(f.dstIp));
    }

    /** As {@code Side.portMatches} for the destination: the range, else a named port the endpoint declares (§2.7). */
    private boolean destinationPortMatches(long w, long[] c, int i, FlowContext f) {
        int port = f.dstPort;
        if (port < 0) {
            return false;
        }
        long range = c[i + 2];
        if (port >= (int) range && port <= (int) (range >>> 32)) {
            return true;
        }
        int pod = f.dstPod;
        if ((w & DST_NAMES) == 0 || pod < 0) {
            return false;
        }
        if ((w & DST_PEER) != 0 && (w & DST_NEGATED) == 0 && !dstMember(w, c, i, pod, NO_NETSETS)) {
            return false;
        }
        // the ports of the endpoints the flow was resolved against: a block outlives the index it was built with
        return f.index.namedPorts().declaresAny(pod, names[(int) c[i + 3]], f.protocol, port);
    }
}
