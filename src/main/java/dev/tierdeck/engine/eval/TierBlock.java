package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.RuleAction;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The enforced rules of one tier for one direction, as one endpoint's policy list holds them, packed into a flat
 * array for the verdict-only path: the rules of the tier's enforced policies in order (Log rules left out: they
 * never decide, calico-semantics §7.17), four words per rule, followed by the tier's default action. Rules with
 * criteria the packed form does not carry (CIDRs, ICMP, source ports, negated ports, services, several port
 * ranges) keep their compiled object and are matched through it, so every rule is matched exactly as
 * {@link CompiledRule#matches} does.
 */
final class TierBlock {

    static final int ALLOW = 0;
    static final int DENY = 1;
    static final int NEXT_TIER = 2;

    private static final int STRIDE = 4;

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

    /** Word 1: the peers (source low, destination high) or the object's number; 2: the port range; 3: the names. */
    private final long[] code;

    private final PeerSet[] peers;
    private final int[][] names;
    private final CompiledRule[] objects;
    private final boolean defaultDeny;
    private final NamedPorts namedPorts;

    /** Compiles the rules for {@code ingress} of these policies (all enforced, all of one tier, in order). */
    TierBlock(
            List<CompiledPolicy> tierPolicies,
            boolean ingress,
            NamedPorts namedPorts,
            Map<MemberSpec.Members, PeerSet> sets) {
        this.namedPorts = namedPorts;
        this.defaultDeny = tierPolicies.getFirst().tier.defaultAction() == RuleAction.Deny;
        List<long[]> rules = new ArrayList<>();
        List<PeerSet> peerList = new ArrayList<>();
        Map<PeerSet, Integer> peerIds = new IdentityHashMap<>();
        List<int[]> nameList = new ArrayList<>();
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
                    rules.add(new long[] {action | OBJECT, objectList.size() - 1, 0, 0});
                    continue;
                }
                long w = action | (r.v4 ? V4 : 0) | (r.v6 ? V6 : 0);
                w |= (long) (r.protocol + 1) << PROTOCOL_SHIFT | (long) (r.notProtocol + 1) << NOT_PROTOCOL_SHIFT;
                long peerWord = 0;
                if (r.source.peer != null) {
                    w |= SRC_PEER | (r.source.peer.negated() ? SRC_NEGATED : 0);
                    peerWord |= id(r.source.peer, sets, peerList, peerIds);
                }
                if (r.destination.peer != null) {
                    w |= DST_PEER | (r.destination.peer.negated() ? DST_NEGATED : 0);
                    peerWord |= (long) id(r.destination.peer, sets, peerList, peerIds) << 32;
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
                    nameList.add(namedPorts.ids(d.names));
                    nameWord = nameList.size() - 1;
                }
                rules.add(new long[] {w, peerWord, range, nameWord});
            }
        }
        code = new long[rules.size() * STRIDE];
        for (int i = 0; i < rules.size(); i++) {
            System.arraycopy(rules.get(i), 0, code, i * STRIDE, STRIDE);
        }
        peers = peerList.toArray(new PeerSet[0]);
        names = nameList.toArray(new int[0][]);
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
        return !s.services
                && s.nets.length == 0
                && s.notNets.length == 0
                && s.notRanges.length == 0
                && s.notNames.length == 0;
    }

    private static int id(
            PeerMatcher m,
            Map<MemberSpec.Members, PeerSet> sets,
            List<PeerSet> peerList,
            Map<PeerSet, Integer> peerIds) {
        PeerSet set = sets.computeIfAbsent(m.members(), PeerSet::new);
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
        long peerWord = c[i + 1];
        if ((w & SRC_PEER) != 0 && peers[(int) peerWord].contains(f.srcPod, f.srcNetsets) == ((w & SRC_NEGATED) != 0)) {
            return false;
        }
        if ((w & DST_PEER) != 0
                && peers[(int) (peerWord >>> 32)].contains(f.dstPod, f.dstNetsets) == ((w & DST_NEGATED) != 0)) {
            return false;
        }
        return (w & DST_PORTS) == 0 || destinationPortMatches(w, c, i, f);
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
        if ((w & DST_PEER) != 0 && (w & DST_NEGATED) == 0 && !peers[(int) (c[i + 1] >>> 32)].hasPod(pod)) {
            return false;
        }
        return namedPorts.declaresAny(pod, names[(int) c[i + 3]], f.protocol, port);
    }
}
