package dev.tierdeck.policy;

import dev.tierdeck.engine.eval.Change;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.DirectionVerdict;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowEndpoint;
import dev.tierdeck.engine.eval.PolicyHit;
import dev.tierdeck.engine.eval.RulePeers;
import dev.tierdeck.engine.eval.Verdict;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.ContainerPort;
import dev.tierdeck.engine.model.EntityRule;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.PolicyType;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.policy.namespace.CompiledClusters;
import dev.tierdeck.tier.EarlierRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The {@link Advisory advisories} of a policy on the cluster as it is now. The editor shows them while the user types,
 * the API returns them with a saved draft. Selections and rule peers are resolved as the engine resolves them; which
 * rules earlier rules decide is measured with the guardrails' sets; what an egress default deny cuts is evaluated by
 * the engine with the policy in place and without it.
 */
@Component
public class PolicyAdvisories {

    /** Workloads of the selected pods whose egress is tried, and destination workloads tried for each. */
    static final int SOURCE_WORKLOADS = 4;

    static final int DESTINATION_WORKLOADS = 400;

    /** How many examples a message names. */
    private static final int EXAMPLES = 3;

    private static final int DNS_PORT = 53;
    private static final Pattern EQUALS = Pattern.compile("([A-Za-z0-9_./-]+)\\s*==\\s*['\"]([^'\"]*)['\"]");

    private final CompiledClusters compiled;

    public PolicyAdvisories(CompiledClusters compiled) {
        this.compiled = compiled;
    }

    /** The advisories of {@code policy}, in the order of its fields; empty when there is nothing to note. */
    public List<Advisory> of(CalicoPolicy policy) {
        return of(policy, compiled.current());
    }

    /** The advisories of {@code policy} on {@code current}. */
    static List<Advisory> of(CalicoPolicy policy, CompiledCluster current) {
        ClusterState state = current.state();
        RulePeers peers = RulePeers.of(state);
        List<Advisory> out = new ArrayList<>();
        List<Pod> selected;
        try {
            selected = peers.selectedPods(policy);
        } catch (IllegalArgumentException e) {
            // A selector that does not parse is an error at its field already.
            return List.of();
        }
        if (selected.isEmpty()) {
            out.add(new Advisory(
                    "spec.selector",
                    "The policy selects no pod " + where(policy) + " now, so it does nothing yet."
                            + hint(policy.selector(), scopePods(policy, peers)) + " Check the selector for a typo.",
                    Advisory.SELECTS_NO_POD));
        }
        for (boolean ingress : new boolean[] {true, false}) {
            List<Rule> rules = ingress ? policy.ingress() : policy.egress();
            for (int i = 0; i < rules.size(); i++) {
                rule(policy, ingress, i, rules.get(i), selected, peers, out);
            }
        }
        for (EarlierRules.Decided d : EarlierRules.of(policy, state)) {
            String earlier = d.from() == d.to()
                    ? "rule " + (d.from() + 1) + " already decides"
                    : "rules " + (d.from() + 1) + " to " + (d.to() + 1) + " together already decide";
            out.add(new Advisory(
                    d.field(),
                    ruleName(d.ingress(), d.rule()) + " never decides anything: " + earlier + " all the traffic it"
                            + " matches" + (d.always() ? "" : " (to and from the pods the cluster has now)")
                            + ". Move it up, or remove it.",
                    Advisory.DECIDED_EARLIER));
        }
        if (!selected.isEmpty() && policy.effectiveTypes().contains(PolicyType.Egress)) {
            new EgressCut(policy, current, selected).advise(out);
        }
        return List.copyOf(out);
    }

    private static void rule(
            CalicoPolicy policy,
            boolean ingress,
            int i,
            Rule rule,
            List<Pod> selected,
            RulePeers peers,
            List<Advisory> out) {
        String path = "spec." + (ingress ? "ingress" : "egress") + "[" + i + "]";
        EntityRule side = ingress ? rule.source() : rule.destination();
        RulePeers.Peer peer;
        try {
            peer = peers.peer(policy.namespace(), side);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (peer != null
                && !peer.negated()
                && peer.pods().isEmpty()
                && peer.networkSets().isEmpty()) {
            String selector = side.selector() == null ? "" : side.selector();
            out.add(new Advisory(
                    path + "." + (ingress ? "source" : "destination"),
                    "The " + (ingress ? "source" : "destination") + " of "
                            + ruleName(ingress, i).toLowerCase()
                            + " matches no pod or network set now." + hint(selector, peerScopePods(peer, peers))
                            + " Check its labels and namespaces for a typo.",
                    Advisory.PEER_MATCHES_NOTHING));
        }
        Set<String> named = new LinkedHashSet<>();
        for (Port p : rule.destination().ports()) {
            if (p instanceof Port.Named n) {
                named.add(n.name());
            }
        }
        if (named.isEmpty()) {
            return;
        }
        // Named ports are the numbers the destination pods declare (calico-semantics §2.7): the selected pods in
        // ingress, the peer's pods in egress (every pod when the peer names none).
        List<Pod> declaring = ingress ? selected : peer != null && !peer.negated() ? peer.pods() : peers.pods();
        Set<String> declared = new TreeSet<>();
        declaring.forEach(pod -> pod.ports().stream()
                .map(ContainerPort::name)
                .filter(n -> n != null)
                .forEach(declared::add));
        for (String name : named) {
            if (!declared.contains(name)) {
                out.add(new Advisory(
                        path + ".destination.ports",
                        "No " + (ingress ? "selected pod" : "pod this rule reaches") + " declares a port named '"
                                + name + "', so it matches nothing."
                                + (declared.isEmpty()
                                        ? ""
                                        : " Declared names: " + String.join(", ", limit(declared, 8)) + ".")
                                + " Check the name, or use the port number.",
                        Advisory.UNDECLARED_PORT));
            }
        }
    }

    static String ruleName(boolean ingress, int index) {
        return (ingress ? "Ingress" : "Egress") + " rule " + (index + 1);
    }

    private static String where(CalicoPolicy policy) {
        return policy.namespace() == null ? "in the cluster" : "in " + policy.namespace();
    }

    private static List<Pod> scopePods(CalicoPolicy policy, RulePeers peers) {
        return policy.namespace() == null
                ? peers.pods()
                : peers.pods().stream()
                        .filter(p -> p.namespace().equals(policy.namespace()))
                        .toList();
    }

    private static List<Pod> peerScopePods(RulePeers.Peer peer, RulePeers peers) {
        if (peer.scope() == RulePeers.Scope.NAMESPACE && peer.namespace() != null) {
            return peers.pods().stream()
                    .filter(p -> p.namespace().equals(peer.namespace()))
                    .toList();
        }
        return peers.pods();
    }

    /**
     * For each {@code key == 'value'} of a selector that no pod in scope carries: the values the pods there do
     * carry for that key, which is where a typo shows.
     */
    static String hint(String selector, List<Pod> scope) {
        StringBuilder out = new StringBuilder();
        Matcher m = EQUALS.matcher(selector);
        while (m.find()) {
            String key = m.group(1);
            String value = m.group(2);
            Set<String> values = new TreeSet<>();
            for (Pod p : scope) {
                String v = p.labels().get(key);
                if (v != null) {
                    values.add(v);
                }
            }
            if (values.contains(value)) {
                continue;
            }
            out.append(
                    values.isEmpty()
                            ? " No pod there has a label '" + key + "'."
                            : " Values of '" + key + "' there: " + String.join(", ", limit(values, 8)) + ".");
        }
        return out.toString();
    }

    private static List<String> limit(Set<String> values, int n) {
        List<String> out = values.stream().limit(n).toList();
        if (values.size() > n) {
            out = new ArrayList<>(out);
            out.add("and " + (values.size() - n) + " more");
        }
        return out;
    }

    /**
     * What the policy's egress default deny cuts: connections from the selected pods to the ports other pods declare
     * that the egress side allows without the policy and denies with it, decided by this policy. DNS is named on its
     * own. A rule naming port 53 is noted when an upper tier already decides every DNS connection tried.
     */
    private static final class EgressCut {

        private final CalicoPolicy policy;
        private final CompiledCluster before;
        private final CompiledCluster after;
        private final List<Pod> sources;

        EgressCut(CalicoPolicy policy, CompiledCluster current, List<Pod> selected) {
            this.policy = policy;
            ClusterState state = current.state();
            this.before = state.get(policy.key()) == null
                    ? current
                    : Engine.compile(current, new Change(List.of(), List.of(policy.key())));
            this.after = Engine.compile(current, new Change(List.of(policy), List.of()));
            Map<String, Pod> byWorkload = new LinkedHashMap<>();
            for (Pod p : selected) {
                if (p.ip() != null && byWorkload.size() < SOURCE_WORKLOADS) {
                    byWorkload.putIfAbsent(p.workload(), p);
                }
            }
            this.sources = List.copyOf(byWorkload.values());
        }

        void advise(List<Advisory> out) {
            Map<String, Pod> destinations = new LinkedHashMap<>();
            for (Pod p : after.state().pods()) {
                if (!p.ports().isEmpty() && p.ip() != null && destinations.size() < DESTINATION_WORKLOADS) {
                    destinations.putIfAbsent(p.workload(), p);
                }
            }
            Set<String> dnsCut = new TreeSet<>();
            Set<String> otherCut = new TreeSet<>();
            Set<String> dnsAbove = new TreeSet<>();
            boolean dnsReachesTier = false;
            boolean dnsTried = false;
            for (Pod source : sources) {
                for (Pod destination : destinations.values()) {
                    if (destination.key().equals(source.key())) {
                        continue;
                    }
                    for (ContainerPort port : destination.ports()) {
                        Flow flow = Flow.of(
                                "advice",
                                new FlowEndpoint.PodRef(source.namespace(), source.name()),
                                new FlowEndpoint.PodRef(destination.namespace(), destination.name()),
                                port.protocol(),
                                port.port());
                        DirectionVerdict now = before.evaluate(flow).enforced().egress();
                        DirectionVerdict then = after.evaluate(flow).enforced().egress();
                        if (now == null || then == null) {
                            continue;
                        }
                        boolean dns = port.port() == DNS_PORT;
                        String what =
                                destination.workload() + " " + port.protocol().name() + " " + port.port();
                        if (now.action() == Verdict.Allow && then.action() == Verdict.Deny && byThisPolicy(then)) {
                            (dns ? dnsCut : otherCut).add(what);
                        }
                        if (dns) {
                            dnsTried = true;
                            if (reachesTier(then)) {
                                dnsReachesTier = true;
                            } else {
                                dnsAbove.add(describe(then.hits().getLast()));
                            }
                        }
                    }
                }
            }
            if (!dnsCut.isEmpty()) {
                out.add(new Advisory(
                        "spec.egress",
                        "Egress default deny: this policy would cut DNS (" + examples(dnsCut) + ") for the pods it"
                                + " selects; no upper tier allows it and none of its rules does. Add an egress rule"
                                + " allowing UDP and TCP 53 to the cluster DNS.",
                        Advisory.EGRESS_CUT));
            }
            if (!otherCut.isEmpty()) {
                out.add(new Advisory(
                        "spec.egress",
                        "Egress default deny: this policy would " + (dnsCut.isEmpty() ? "" : "also ") + "deny"
                                + " egress to " + amount(otherCut.size()) + " port" + (otherCut.size() == 1 ? "" : "s")
                                + " that pods declare and the pods it selects reach now (" + examples(otherCut)
                                + "): no upper tier allows them and none of its rules does. Preview it against the"
                                + " observed flows.",
                        Advisory.EGRESS_CUT));
            }
            if (dnsTried && !dnsReachesTier && !dnsAbove.isEmpty()) {
                List<Rule> rules = policy.egress();
                for (int i = 0; i < rules.size(); i++) {
                    if (namesPort(rules.get(i), DNS_PORT)) {
                        out.add(new Advisory(
                                "spec.egress[" + i + "]",
                                ruleName(false, i) + " names port 53, but DNS never reaches this tier: "
                                        + String.join("; ", dnsAbove) + " decides it first. This rule does not"
                                        + " change DNS.",
                                Advisory.DECIDED_ABOVE));
                    }
                }
            }
        }

        private boolean byThisPolicy(DirectionVerdict verdict) {
            PolicyHit last = verdict.hits().getLast();
            return last.tier().equals(policy.tier())
                    && (last.name().equals(policy.name()) || last.kind().equals(PolicyHit.END_OF_TIER))
                    && (last.namespace() == null || last.namespace().equals(policy.namespace()));
        }

        /** Whether the walk got to the policy's tier (an upper tier passed, or nothing above selected the pod). */
        private boolean reachesTier(DirectionVerdict verdict) {
            return verdict.hits().stream().anyMatch(h -> h.tier().equals(policy.tier()))
                    || verdict.hits().getLast().kind().equals(PolicyHit.PROFILE);
        }

        private static String describe(PolicyHit hit) {
            String name = hit.namespace() == null ? hit.name() : hit.namespace() + "/" + hit.name();
            return hit.kind().equals(PolicyHit.END_OF_TIER)
                    ? "the end of tier " + hit.tier()
                    : "tier " + hit.tier() + " (" + name + ", " + hit.action() + ")";
        }

        private static boolean namesPort(Rule rule, int port) {
            if (rule.protocol() != null
                    && rule.protocol().number() != Protocol.UDP.number()
                    && rule.protocol().number() != Protocol.TCP.number()) {
                return false;
            }
            return rule.destination().ports().stream()
                    .anyMatch(p -> p instanceof Port.Range r && r.first() <= port && port <= r.last());
        }

        private static String examples(Set<String> items) {
            List<String> first = items.stream().limit(EXAMPLES).toList();
            return String.join(", ", first) + (items.size() > EXAMPLES ? ", …" : "");
        }
    }

    /** A count with thousands separators, as every page writes counts. */
    static String amount(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }
}
