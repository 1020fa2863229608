package dev.tierdeck.engine.reference;

import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.PolicyType;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.engine.model.Tier;
import dev.tierdeck.engine.reference.ReferenceResult.Direction;
import dev.tierdeck.engine.reference.ReferenceResult.Hit;
import dev.tierdeck.engine.reference.ReferenceResult.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The reference evaluator: for each flow, the egress of the source pod and the ingress of the destination pod,
 * enforced (staged policies ignored) and pending (staged policies interleaved), following calico-semantics §2.1
 * step by step. Slow on purpose; only the conversion of policies and the member list are computed up front.
 */
public final class ReferenceEvaluator {

    private final ClusterState state;
    private final List<Member> members;
    private final List<RefPolicy> policies;
    private final RuleMatcher matcher;

    public ReferenceEvaluator(ClusterState state) {
        this.state = state;
        this.members = Member.all(state);
        this.policies = Policies.of(state);
        this.matcher = new RuleMatcher(members);
    }

    /**
     * Evaluates one flow.
     *
     * @throws IllegalArgumentException when the flow names a pod the cluster does not have, or an invalid address
     */
    public ReferenceResult evaluate(ReferenceFlow flow) {
        Member source = resolve(flow.source());
        Member destination = resolve(flow.destination());
        byte[] sourceIp = address(flow.source(), source);
        byte[] destinationIp = address(flow.destination(), destination);
        RuleMatcher.Packet packet = new RuleMatcher.Packet(
                sourceIp,
                destinationIp,
                sourceIp.length == 4 ? 4 : 6,
                flow.protocol(),
                flow.sourcePort(),
                flow.port(),
                flow.icmpType(),
                flow.icmpCode());
        return new ReferenceResult(
                flow.id(),
                new Outcome(
                        source == null ? null : direction(source, PolicyType.Egress, packet, false),
                        destination == null ? null : direction(destination, PolicyType.Ingress, packet, false)),
                new Outcome(
                        source == null ? null : direction(source, PolicyType.Egress, packet, true),
                        destination == null ? null : direction(destination, PolicyType.Ingress, packet, true)));
    }

    /** A pod side, or an IP that is some pod's address (FORMAT.md §2); {@code null} for an outside address. */
    private @Nullable Member resolve(ReferenceFlow.Side side) {
        if (side.isPod()) {
            var pod = state.pod(side.namespace(), side.pod());
            if (pod == null) {
                throw new IllegalArgumentException("pod " + side + " does not exist in the cluster");
            }
            return Member.of(state, pod);
        }
        byte[] ip = side.ip() == null ? null : Ip.parse(side.ip());
        for (Member member : members) {
            if (member.pod() == null || ip == null) {
                continue;
            }
            for (String podIp : member.pod().ips()) {
                // Compared as addresses, so that fd00::1 and fd00:0::1 are the same pod.
                if (Arrays.equals(ip, Ip.parse(podIp))) {
                    return member;
                }
            }
        }
        return null;
    }

    private static byte[] address(ReferenceFlow.Side side, @Nullable Member member) {
        String text = side.isPod() && member != null ? member.pod().ip() : side.ip();
        byte[] ip = text == null ? null : Ip.parse(text);
        if (ip == null) {
            throw new IllegalArgumentException("no usable address for " + side + ": " + text);
        }
        return ip;
    }

    /** One direction at one pod (§2.1 steps 1–5). */
    private Direction direction(Member pod, PolicyType type, RuleMatcher.Packet packet, boolean pending) {
        List<RefPolicy> applicable = new ArrayList<>();
        for (RefPolicy policy : policies) {
            if ((pending || !policy.staged()) && policy.types().contains(type) && policy.selects(pod)) {
                applicable.add(policy);
            }
        }
        Set<String> tierNames = new LinkedHashSet<>();
        applicable.forEach(p -> tierNames.add(p.tier()));
        List<String> tiers = new ArrayList<>(tierNames);
        tiers.sort(this::compareTiers);

        List<Hit> hits = new ArrayList<>();
        for (String tierName : tiers) {
            List<RefPolicy> inTier = new ArrayList<>();
            for (RefPolicy policy : applicable) {
                if (policy.tier().equals(tierName)) {
                    inTier.add(policy);
                }
            }
            inTier.sort(POLICY_ORDER);
            RuleAction outcome = null;
            walk:
            for (RefPolicy policy : inTier) {
                List<Rule> rules = policy.rules(type);
                for (int i = 0; i < rules.size(); i++) {
                    Rule rule = rules.get(i);
                    if (rule.action() == RuleAction.Log || !matcher.matches(policy, rule, packet)) {
                        continue;
                    }
                    hits.add(new Hit(
                            tierName,
                            policy.hitKind(),
                            policy.namespace(),
                            policy.name(),
                            i,
                            rule.action().name()));
                    outcome = rule.action();
                    break walk;
                }
            }
            if (outcome == RuleAction.Allow || outcome == RuleAction.Deny) {
                return new Direction(outcome.name(), hits);
            }
            if (outcome == RuleAction.Pass) {
                continue;
            }
            // End of tier: the default action; only a Deny is a hit, naming the last enforced policy of the tier
            // in the enforced trace and the first one in the pending trace (§4.3, FORMAT.md §3).
            Tier tier = state.tier(tierName);
            RuleAction defaultAction = tier == null ? RuleAction.Deny : tier.defaultAction();
            if (defaultAction != RuleAction.Pass) {
                RefPolicy trigger = pending ? inTier.getFirst() : inTier.getLast();
                hits.add(new Hit(tierName, "EndOfTier", trigger.namespace(), trigger.name(), -1, "Deny"));
                return new Direction("Deny", hits);
            }
        }
        // Past the last tier: the kns.<namespace> profile allows everything (§2.9).
        hits.add(new Hit("", "Profile", null, "kns." + pod.namespace(), 0, "Allow"));
        return new Direction("Allow", hits);
    }

    /** §2.2: declared tiers first, then those with an order, lower order, then name byte-wise. */
    private int compareTiers(String a, String b) {
        Tier ta = state.tier(a);
        Tier tb = state.tier(b);
        if ((ta == null) != (tb == null)) {
            return ta != null ? -1 : 1;
        }
        Double oa = ta == null ? null : ta.order();
        Double ob = tb == null ? null : tb.order();
        if ((oa == null) != (ob == null)) {
            return oa != null ? -1 : 1;
        }
        if (oa != null && !oa.equals(ob)) {
            return Double.compare(oa, ob);
        }
        return a.compareTo(b);
    }

    /** §2.3: order (missing = last), then {@code name/namespace/kind} byte-wise. */
    private static final Comparator<RefPolicy> POLICY_ORDER = (a, b) -> {
        if ((a.order() == null) != (b.order() == null)) {
            return a.order() != null ? -1 : 1;
        }
        if (a.order() != null && !a.order().equals(b.order())) {
            return Double.compare(a.order(), b.order());
        }
        return a.sortKey().compareTo(b.sortKey());
    };
}
