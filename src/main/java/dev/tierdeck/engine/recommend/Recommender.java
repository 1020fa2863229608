package dev.tierdeck.engine.recommend;

import dev.tierdeck.engine.eval.Change;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.DirectionVerdict;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowBatch;
import dev.tierdeck.engine.eval.FlowChange;
import dev.tierdeck.engine.eval.Impact;
import dev.tierdeck.engine.eval.ImpactReport;
import dev.tierdeck.engine.eval.PolicyHit;
import dev.tierdeck.engine.eval.Trace;
import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.recommend.Recommendation.LevelSummary;
import dev.tierdeck.engine.recommend.Recommendation.Proof;
import dev.tierdeck.engine.recommend.Recommendation.ProofFlow;
import dev.tierdeck.engine.recommend.Recommendation.SuggestedPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Suggests policies for a namespace or one of its workloads from observed traffic, and proves them: the policies of
 * every level are replayed against the same observed flows with {@link Impact}, the engine's impact analysis, so that
 * the suggestion says with numbers that it newly denies no observed flow that is allowed today, except those the user
 * left out. Stateless and thread-safe.
 */
public final class Recommender {

    /** Below this many distinct flows the history is called thin. */
    public static final int THIN_HISTORY_FLOWS = 20;

    /** Observed traffic spanning less than this is called thin too: it cannot hold what runs once a day. */
    public static final Duration THIN_HISTORY_SPAN = Duration.ofDays(1);

    /** The most left-out connections one request may name. */
    public static final int MAX_LEFT_OUT = 1_000;

    /** A setting that cannot be used, with the field it concerns. */
    public record Problem(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    private Recommender() {}

    /** Whether the settings fit the cluster; empty when they do. */
    public static List<Problem> check(ClusterState state, Settings s) {
        List<Problem> out = new ArrayList<>();
        boolean hasPods = state.pods().stream().anyMatch(p -> p.namespace().equals(s.namespace()));
        if (!hasPods && state.namespace(s.namespace()) == null) {
            out.add(new Problem("namespace", "the cluster has no namespace " + s.namespace()));
        } else if (s.workload() != null) {
            Workloads workloads = new Workloads(state);
            List<String> names = workloads.inNamespace(s.namespace()).stream()
                    .map(Workloads.Workload::name)
                    .toList();
            if (!names.contains(s.workload())) {
                out.add(new Problem(
                        "workload",
                        "namespace " + s.namespace() + " has no workload " + s.workload()
                                + (names.isEmpty()
                                        ? " (it runs no pods)"
                                        : " (its workloads: " + String.join(", ", names) + ")")));
            }
        }
        if (state.tier(s.tier()) == null) {
            out.add(new Problem("tier", "the cluster has no tier " + s.tier()));
        }
        if (s.ipv4Prefix() < 8 || s.ipv4Prefix() > 32) {
            out.add(new Problem("width", "the IPv4 CIDR width must be between /8 and /32, not /" + s.ipv4Prefix()));
        }
        if (s.ipv6Prefix() < 16 || s.ipv6Prefix() > 128) {
            out.add(new Problem("width6", "the IPv6 CIDR width must be between /16 and /128, not /" + s.ipv6Prefix()));
        }
        if (s.leaveOut().size() > MAX_LEFT_OUT) {
            out.add(new Problem(
                    "leaveOut",
                    "at most " + MAX_LEFT_OUT + " connections may be left out, not "
                            + s.leaveOut().size()));
        }
        return out;
    }

    /**
     * The suggestion for {@code settings} over {@code observations}, proven against them.
     *
     * @throws IllegalArgumentException when {@link #check} finds a problem
     */
    public static Recommendation recommend(CompiledCluster cluster, List<Observation> observations, Settings settings) {
        ClusterState state = cluster.state();
        List<Problem> problems = check(state, settings);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.getFirst().toString());
        }
        TierRanks tiers = new TierRanks(state, settings.tier());
        Workloads workloads = new Workloads(state);
        List<Workloads.Workload> locals = settings.workload() == null
                ? workloads.inNamespace(settings.namespace())
                : workloads.inNamespace(settings.namespace()).stream()
                        .filter(w -> w.name().equals(settings.workload()))
                        .toList();
        // Pods are records whose hash covers every label: identity is what is meant, and far cheaper.
        Set<Pod> scope = Collections.newSetFromMap(new IdentityHashMap<>());
        locals.forEach(w -> scope.addAll(w.selected()));
        ObservedTraffic traffic = new ObservedTraffic(cluster, observations, settings, workloads, scope, tiers);
        Marks.mark(traffic.connections, state, settings);
        PolicyBuilder builder = new PolicyBuilder(state, settings, workloads, locals, traffic.connections, tiers);

        FlowBatch batch = traffic.batch;
        Map<Flow, ObservedTraffic.Entry> entries = new IdentityHashMap<>();
        traffic.flows.forEach(e -> entries.put(e.flow, e));
        long observed = 0;
        long allowedBefore = 0;
        int allowedFlows = 0;
        for (ObservedTraffic.Entry e : traffic.flows) {
            observed += e.connections;
            if (e.allowed()) {
                allowedBefore += e.connections;
                allowedFlows++;
            }
        }
        Map<Level, List<SuggestedPolicy>> byLevel = new EnumMap<>(Level.class);
        List<LevelSummary> levels = new ArrayList<>();
        ImpactReport chosen = null;
        for (Level level : Level.values()) {
            List<SuggestedPolicy> policies = builder.build(level);
            byLevel.put(level, policies);
            List<ClusterObject> set =
                    policies.stream().map(p -> (ClusterObject) p.policy()).toList();
            ImpactReport report = Impact.of(cluster, new Change(set, List.of()), batch);
            long deniedConnections = 0;
            long allowedConnections = 0;
            for (FlowChange c : report.changes()) {
                long n = entries.get(c.flow()).connections;
                if (c.newlyDenied()) {
                    deniedConnections += n;
                } else {
                    allowedConnections += n;
                }
            }
            int rules = policies.stream()
                    .mapToInt(p -> p.ingress().size() + p.egress().size())
                    .sum();
            levels.add(new LevelSummary(
                    level,
                    policies.size(),
                    rules,
                    allowedBefore - deniedConnections + allowedConnections,
                    observed,
                    report.newlyDenied(),
                    report.newlyAllowed()));
            if (level == settings.level()) {
                chosen = report;
            }
        }
        Proof proof = proof(cluster, chosen, entries, traffic, allowedFlows, allowedBefore);
        List<Recommendation.Connection> connections = traffic.connections.stream()
                .sorted(Comparator.comparing((ObservedTraffic.Conn c) -> c.local.key())
                        .thenComparing(c -> !c.ingress)
                        .thenComparing(c -> c.status)
                        .thenComparing(c -> -c.connections)
                        .thenComparing(c -> c.id))
                .map(ObservedTraffic.Conn::view)
                .toList();
        return new Recommendation(
                settings,
                byLevel.get(settings.level()),
                connections,
                levels,
                proof,
                HistoryNotes.of(traffic, settings, locals, observed));
    }

    private static Proof proof(
            CompiledCluster cluster,
            ImpactReport report,
            Map<Flow, ObservedTraffic.Entry> entries,
            ObservedTraffic traffic,
            int allowedFlows,
            long allowedConnections) {
        List<ProofFlow> denied = new ArrayList<>();
        List<ProofFlow> allowed = new ArrayList<>();
        Set<ObservedTraffic.Entry> flipped = new HashSet<>();
        for (FlowChange c : report.changes()) {
            ObservedTraffic.Entry e = entries.get(c.flow());
            flipped.add(e);
            (c.newlyDenied() ? denied : allowed).add(view(e, deciding(c.after().enforced(), c.newlyDenied())));
        }
        List<ProofFlow> stillAllowed = new ArrayList<>();
        for (ObservedTraffic.Entry e : traffic.flows) {
            if (e.leftOut && e.allowed() && !flipped.contains(e)) {
                stillAllowed.add(view(e, deciding(e.verdict(cluster).enforced(), false)));
            }
        }
        Comparator<ProofFlow> busiest =
                Comparator.comparingLong(ProofFlow::connections).reversed().thenComparing(ProofFlow::id);
        // Unexpected denials first, so that a cut list never hides one.
        denied.sort(Comparator.comparing(ProofFlow::leftOut).thenComparing(busiest));
        allowed.sort(busiest);
        stillAllowed.sort(busiest);
        return new Proof(
                traffic.flows.size(),
                allowedFlows,
                allowedConnections,
                report.newlyDenied(),
                report.newlyAllowed(),
                cut(denied),
                cut(allowed),
                cut(stillAllowed));
    }

    private static List<ProofFlow> cut(List<ProofFlow> flows) {
        return flows.size() <= Proof.SHOWN ? flows : flows.subList(0, Proof.SHOWN);
    }

    private static ProofFlow view(ObservedTraffic.Entry e, List<PolicyHit> decidedBy) {
        Flow f = e.flow;
        return new ProofFlow(
                f.id(),
                e.sourceName(),
                e.destinationName(),
                f.protocol().name(),
                f.protocol().supportsPorts() ? f.port() : null,
                e.connections,
                e.leftOut,
                decidedBy);
    }

    /** The hits of the direction that denies (egress first), or of both directions when the flow is allowed. */
    private static List<PolicyHit> deciding(Trace trace, boolean denied) {
        List<PolicyHit> out = new ArrayList<>();
        for (DirectionVerdict d : new DirectionVerdict[] {trace.egress(), trace.ingress()}) {
            if (d == null) {
                continue;
            }
            if (denied && d.action() == dev.tierdeck.engine.eval.Verdict.Deny) {
                return d.hits();
            }
            if (!denied) {
                out.addAll(d.hits());
            }
        }
        return out;
    }
}
