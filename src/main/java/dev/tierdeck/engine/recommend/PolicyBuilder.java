package dev.tierdeck.engine.recommend;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.PolicyKind;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.engine.model.Tier;
import dev.tierdeck.engine.recommend.Recommendation.RuleEvidence;
import dev.tierdeck.engine.recommend.Recommendation.Status;
import dev.tierdeck.engine.recommend.Recommendation.SuggestedPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the connections the suggestion allows into Calico NetworkPolicies for one level: one policy per local
 * workload, or one for the namespace whose rules each name their local workload. The policies go into the developer
 * tier after the namespace's existing policies there, so that nothing those decide changes; when the tier passes what
 * its policies leave, a last Deny rule denies the rest (calico-semantics §2.9).
 */
final class PolicyBuilder {

    static final String NAME_PREFIX = "suggested-";

    private final ClusterState state;
    private final Settings settings;
    private final Workloads workloads;
    private final List<Workloads.Workload> locals;
    private final List<ObservedTraffic.Conn> connections;
    private final boolean passAtEnd;
    private final double order;

    PolicyBuilder(
            ClusterState state,
            Settings settings,
            Workloads workloads,
            List<Workloads.Workload> locals,
            List<ObservedTraffic.Conn> connections,
            TierRanks tiers) {
        this.state = state;
        this.settings = settings;
        this.workloads = workloads;
        this.locals = locals;
        this.connections = connections;
        this.passAtEnd = tiers.defaultAction(settings.tier()) == RuleAction.Pass;
        this.order = order(state, settings);
    }

    List<SuggestedPolicy> build(Level level) {
        Set<String> taken = takenNames();
        List<SuggestedPolicy> out = new ArrayList<>();
        if (settings.layout() == Layout.NAMESPACE && settings.workload() == null) {
            List<RuleEvidence> ingressEvidence = new ArrayList<>();
            List<RuleEvidence> egressEvidence = new ArrayList<>();
            List<Rule> ingress = new ArrayList<>();
            List<Rule> egress = new ArrayList<>();
            for (Workloads.Workload local : locals) {
                rules(level, local, true, true, ingress, ingressEvidence);
                rules(level, local, false, true, egress, egressEvidence);
            }
            List<String> names = locals.stream().map(Workloads.Workload::key).toList();
            out.add(policy(
                    name(settings.namespace(), taken),
                    "all()",
                    names,
                    ingress,
                    egress,
                    ingressEvidence,
                    egressEvidence,
                    notes(locals, ingress, egress)));
            return out;
        }
        for (Workloads.Workload local : locals) {
            List<RuleEvidence> ingressEvidence = new ArrayList<>();
            List<RuleEvidence> egressEvidence = new ArrayList<>();
            List<Rule> ingress = new ArrayList<>();
            List<Rule> egress = new ArrayList<>();
            rules(level, local, true, false, ingress, ingressEvidence);
            rules(level, local, false, false, egress, egressEvidence);
            out.add(policy(
                    name(local.name(), taken),
                    local.selector(),
                    List.of(local.key()),
                    ingress,
                    egress,
                    ingressEvidence,
                    egressEvidence,
                    notes(List.of(local), ingress, egress)));
        }
        return out;
    }

    private void rules(
            Level level,
            Workloads.Workload local,
            boolean ingress,
            boolean namedLocal,
            List<Rule> rules,
            List<RuleEvidence> evidence) {
        if (ingress ? !settings.directions().ingress() : !settings.directions().egress()) {
            return;
        }
        Set<Pod> members = Collections.newSetFromMap(new IdentityHashMap<>());
        members.addAll(local.selected());
        List<ObservedTraffic.Conn> kept = new ArrayList<>();
        List<ObservedTraffic.Conn> leftOut = new ArrayList<>();
        for (ObservedTraffic.Conn c : connections) {
            if (c.ingress != ingress || !coveredBy(c, local, namedLocal, members)) {
                continue;
            }
            if (c.status == Status.ALLOWED) {
                kept.add(c);
            } else if (c.status == Status.LEFT_OUT) {
                leftOut.add(c);
            }
        }
        RuleGroups groups = new RuleGroups(settings, level, workloads, kept, leftOut);
        for (RuleGroups.Group g : groups.groups()) {
            rules.add(g.rule(settings.namespace(), ingress, namedLocal ? local : null));
            evidence.add(g.evidence(ingress));
        }
    }

    /**
     * Whether a connection belongs to the policy of {@code local}: in the namespace's one policy, the connections of
     * that workload; in a policy of its own, every connection of a pod its selector selects.
     */
    private static boolean coveredBy(
            ObservedTraffic.Conn c, Workloads.Workload local, boolean namedLocal, Set<Pod> members) {
        if (namedLocal || c.local == local) {
            return c.local == local;
        }
        for (Pod p : c.local.pods()) {
            if (members.contains(p)) {
                return true;
            }
        }
        return false;
    }

    private SuggestedPolicy policy(
            String name,
            String selector,
            List<String> workloadNames,
            List<Rule> ingress,
            List<Rule> egress,
            List<RuleEvidence> ingressEvidence,
            List<RuleEvidence> egressEvidence,
            List<String> notes) {
        List<Rule> in = new ArrayList<>(ingress);
        List<Rule> out = new ArrayList<>(egress);
        if (passAtEnd) {
            if (settings.directions().ingress()) {
                in.add(Rule.of(RuleAction.Deny));
            }
            if (settings.directions().egress()) {
                out.add(Rule.of(RuleAction.Deny));
            }
        }
        CalicoPolicy policy = new CalicoPolicy(
                PolicyKind.NetworkPolicy,
                settings.namespace(),
                name,
                settings.tier(),
                order,
                selector,
                null,
                null,
                settings.directions().types(),
                in,
                out,
                null,
                false,
                false,
                false);
        return new SuggestedPolicy(policy, workloadNames, ingressEvidence, egressEvidence, notes);
    }

    private List<String> notes(List<Workloads.Workload> covered, List<Rule> ingress, List<Rule> egress) {
        List<String> notes = new ArrayList<>();
        String tier = settings.tier();
        if (settings.directions().ingress() && ingress.isEmpty()) {
            notes.add("No ingress was observed reaching tier " + tier + ": the policy denies all ingress that reaches"
                    + " the tier.");
        }
        if (settings.directions().egress() && egress.isEmpty()) {
            notes.add("No egress was observed reaching tier " + tier + ": the policy denies all egress that reaches"
                    + " the tier.");
        }
        for (Workloads.Workload w : covered) {
            if (!w.exact()) {
                Set<String> others = new TreeSet<>();
                w.selected().stream().filter(p -> !p.workload().equals(w.key())).forEach(p -> others.add(p.workload()));
                notes.add("No label set picks out " + w.key() + " alone: the selector " + w.selector()
                        + " also selects " + String.join(", ", others) + ", whose observed traffic is included.");
            }
        }
        if (passAtEnd) {
            notes.add("Tier " + tier + " passes what its policies leave undecided, so a last Deny rule in each"
                    + " direction denies the rest.");
        }
        boolean outside = connections.stream()
                .anyMatch(c -> c.status == Status.ALLOWED
                        && c.peer instanceof Peer.OutsidePeer
                        && covered.stream().anyMatch(w -> w.key().equals(c.local.key())));
        if (outside) {
            notes.add("The flow log names outside peers only as the public or private network, without addresses:"
                    + " those rules allow the whole network. Narrow them to the addresses you need.");
        }
        return notes;
    }

    /** After the namespace's existing policies of the tier (Kubernetes NetworkPolicies sit at 1000 in default). */
    private static double order(ClusterState state, Settings settings) {
        double max = 0;
        for (CalicoPolicy p : state.calicoPolicies()) {
            if (p.kind().namespaced()
                    && settings.namespace().equals(p.namespace())
                    && settings.tier().equals(p.tier())
                    && p.order() != null) {
                max = Math.max(max, p.order());
            }
        }
        if (settings.tier().equals(Tier.DEFAULT)) {
            for (KubernetesNetworkPolicy p : state.kubernetesPolicies()) {
                if (p.namespace().equals(settings.namespace())) {
                    max = Math.max(max, 1000);
                }
            }
        }
        return Math.floor(max / 100) * 100 + 100;
    }

    private Set<String> takenNames() {
        Set<String> taken = new LinkedHashSet<>(settings.takenNames());
        for (CalicoPolicy p : state.calicoPolicies()) {
            if (settings.namespace().equals(p.namespace())) {
                taken.add(p.name());
            }
        }
        return taken;
    }

    /** {@code suggested-<base>}, with {@code -2}, {@code -3}... when taken; a DNS label of at most 63 characters. */
    static String name(String base, Set<String> taken) {
        String stem = NAME_PREFIX + base;
        if (stem.length() > 59) {
            stem = stem.substring(0, 59).replaceAll("-+$", "");
        }
        String name = stem;
        for (int i = 2; taken.contains(name); i++) {
            name = stem + "-" + i;
        }
        taken.add(name);
        return name;
    }
}
