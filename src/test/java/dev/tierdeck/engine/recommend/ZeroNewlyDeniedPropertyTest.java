package dev.tierdeck.engine.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowEndpoint;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.ManifestWriter;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.Tier;
import dev.tierdeck.engine.reference.ReferenceEvaluator;
import dev.tierdeck.engine.reference.ReferenceFlow;
import dev.tierdeck.engine.synthetic.EdgeCaseScenarios;
import dev.tierdeck.engine.synthetic.Scenario;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The promise of a suggestion, checked by an independent judge: over generated clusters biased towards Calico's
 * corner cases (network sets holding pod IPs, named ports that differ per pod, tiers that tie or pass, every policy
 * kind) and their flows, the suggested policies, at every level, layout and direction, put into the cluster, leave
 * every observed flow that is allowed today allowed, as the reference evaluator (written straight from Calico's rules,
 * not the engine that built the proof) sees it. With connections left out, exactly the flows that carry them are
 * newly denied, and the proof lists exactly those.
 */
class ZeroNewlyDeniedPropertyTest {

    private static final int SCENARIOS = 160;
    private static final int LEAVE_OUT_SCENARIOS = 120;
    private static final int FLOWS = 120;

    @Test
    void suggestionsNewlyDenyNoObservedAllowedFlowAtAnyLevelLayoutOrDirection() {
        List<String> failures = new ArrayList<>();
        int suggestions = 0;
        int allowedChecked = 0;
        for (long seed = 1; seed <= SCENARIOS; seed++) {
            Scenario scenario = EdgeCaseScenarios.generate(seed, FLOWS);
            ClusterState state = scenario.state();
            CompiledCluster cluster = Engine.compile(state);
            List<ReferenceFlow> flows = scenario.flows();
            List<Observation> observations = flows.stream()
                    .map(ZeroNewlyDeniedPropertyTest::flow)
                    .map(Observation::of)
                    .toList();
            ReferenceEvaluator before = new ReferenceEvaluator(state);
            List<String> verdicts = flows.stream()
                    .map(f -> before.evaluate(f).enforced().action())
                    .toList();
            for (Settings settings : settings(state, seed)) {
                Recommendation r = Recommender.recommend(cluster, observations, settings);
                suggestions++;
                List<CalicoPolicy> policies = r.policies().stream()
                        .map(Recommendation.SuggestedPolicy::policy)
                        .toList();
                roundTrips(policies, seed, failures);
                ReferenceEvaluator after = new ReferenceEvaluator(state.with(policies, List.of()));
                for (int i = 0; i < flows.size(); i++) {
                    if (!verdicts.get(i).equals("Allow")) {
                        continue;
                    }
                    allowedChecked++;
                    if (!after.evaluate(flows.get(i)).enforced().action().equals("Allow")) {
                        failures.add("seed " + seed + " " + describe(settings) + ": flow " + flows.get(i)
                                + " newly denied by\n" + ManifestWriter.toYaml(policies));
                    }
                }
                if (r.proof().newlyDeniedFlows() != 0 || !r.proof().holds()) {
                    failures.add("seed " + seed + " " + describe(settings) + ": the proof reports "
                            + r.proof().newlyDeniedFlows() + " newly denied flows");
                }
            }
        }
        assertThat(suggestions).isGreaterThanOrEqualTo(SCENARIOS * 3);
        assertThat(allowedChecked).as("observed allowed flows checked").isGreaterThan(10_000);
        assertThat(failures)
                .as(
                        "%d failures; the first: %s",
                        failures.size(), failures.stream().limit(3).toList())
                .isEmpty();
    }

    @Test
    void leavingConnectionsOutDeniesExactlyTheFlowsThatCarryThemAndTheProofListsThem() {
        List<String> failures = new ArrayList<>();
        int leftOutFlows = 0;
        for (long seed = 1; seed <= LEAVE_OUT_SCENARIOS; seed++) {
            Scenario scenario = EdgeCaseScenarios.generate(seed, FLOWS);
            ClusterState state = scenario.state();
            CompiledCluster cluster = Engine.compile(state);
            List<ReferenceFlow> flows = scenario.flows();
            List<Observation> observations = flows.stream()
                    .map(ZeroNewlyDeniedPropertyTest::flow)
                    .map(Observation::of)
                    .toList();
            ReferenceEvaluator before = new ReferenceEvaluator(state);
            List<String> verdicts = flows.stream()
                    .map(f -> before.evaluate(f).enforced().action())
                    .toList();
            for (Settings base : settings(state, seed)) {
                Recommendation first = Recommender.recommend(cluster, observations, base);
                List<String> allowed = first.connections().stream()
                        .filter(c -> c.status() == Recommendation.Status.ALLOWED)
                        .map(Recommendation.Connection::id)
                        .toList();
                if (allowed.isEmpty()) {
                    continue;
                }
                Set<String> leave = new LinkedHashSet<>();
                leave.add(allowed.get((int) (seed % allowed.size())));
                leave.add(allowed.get((int) ((seed * 7) % allowed.size())));
                Recommendation r = Recommender.recommend(cluster, observations, base.withLeaveOut(leave));
                List<CalicoPolicy> policies = r.policies().stream()
                        .map(Recommendation.SuggestedPolicy::policy)
                        .toList();
                ReferenceEvaluator after = new ReferenceEvaluator(state.with(policies, List.of()));
                Set<String> newlyDenied = new HashSet<>();
                for (int i = 0; i < flows.size(); i++) {
                    if (verdicts.get(i).equals("Allow")
                            && after.evaluate(flows.get(i)).enforced().action().equals("Deny")) {
                        newlyDenied.add(key(flows.get(i)));
                    }
                }
                Set<String> proven = new HashSet<>();
                for (Recommendation.ProofFlow p : r.proof().newlyDenied()) {
                    if (!p.leftOut()) {
                        failures.add("seed " + seed + " " + describe(base) + ": " + p.id() + " denied, not left out");
                    }
                }
                r.proof().newlyDenied().forEach(p -> proven.add(key(flows, p.id())));
                leftOutFlows += proven.size();
                if (!newlyDenied.equals(proven)) {
                    failures.add("seed " + seed + " " + describe(base) + " leaving out " + leave + ": the reference"
                            + " newly denies " + newlyDenied + ", the proof lists " + proven);
                }
            }
        }
        assertThat(leftOutFlows).isGreaterThan(200);
        assertThat(failures)
                .as(
                        "%d failures; the first: %s",
                        failures.size(), failures.stream().limit(3).toList())
                .isEmpty();
    }

    /** Three settings per scenario: each level once, layouts and directions varied, now and then a declared tier. */
    private static List<Settings> settings(ClusterState state, long seed) {
        List<String> namespaces =
                state.pods().stream().map(Pod::namespace).distinct().sorted().toList();
        List<String> tiers = new ArrayList<>(List.of(Tier.DEFAULT, Tier.DEFAULT));
        state.tiers().stream()
                .map(Tier::name)
                .filter(t -> !Tier.BUILT_IN.stream().anyMatch(b -> b.name().equals(t)))
                .forEach(tiers::add);
        List<Settings> out = new ArrayList<>();
        for (Level level : Level.values()) {
            int k = (int) (seed + level.ordinal());
            Settings s = Settings.of(namespaces.get(k % namespaces.size()))
                    .withLevel(level)
                    .withLayout(Layout.values()[k % 2])
                    .withDirections(Directions.values()[(k / 2) % 3])
                    .withTier(tiers.get(k % tiers.size()))
                    .withPrefixes(k % 3 == 0 ? 16 : 24, 48);
            if (k % 5 == 0) {
                List<String> workloads = state.pods().stream()
                        .filter(p -> p.namespace().equals(s.namespace()))
                        .map(p -> p.workload().substring(s.namespace().length() + 1))
                        .distinct()
                        .sorted()
                        .toList();
                out.add(s.withWorkload(workloads.get(k % workloads.size())));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** Every suggested policy is valid Calico YAML that reads back to the same object. */
    private static void roundTrips(List<CalicoPolicy> policies, long seed, List<String> failures) {
        if (policies.isEmpty()) {
            return;
        }
        String yaml = ManifestWriter.toYaml(policies);
        Manifests read = ManifestReader.read("suggested.yaml", yaml);
        if (!read.ok() || !read.objects().equals(new ArrayList<ClusterObject>(policies))) {
            failures.add("seed " + seed + ": the suggestion does not read back: " + read.errors() + "\n" + yaml);
        }
    }

    private static String describe(Settings s) {
        return s.namespace() + (s.workload() == null ? "" : "/" + s.workload()) + " "
                + s.level().id() + " " + s.layout().id() + " " + s.directions().id() + " tier " + s.tier();
    }

    private static String key(ReferenceFlow f) {
        return f.source() + ">" + f.destination() + " " + f.protocol() + " " + f.port() + " " + f.sourcePort() + " "
                + f.icmpType() + " " + f.icmpCode();
    }

    private static String key(List<ReferenceFlow> flows, String id) {
        return key(flows.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow());
    }

    static Flow flow(ReferenceFlow f) {
        return new Flow(
                f.id(),
                endpoint(f.source()),
                endpoint(f.destination()),
                f.protocol(),
                f.port(),
                f.sourcePort(),
                f.icmpType(),
                f.icmpCode());
    }

    private static FlowEndpoint endpoint(ReferenceFlow.Side side) {
        return side.isPod()
                ? new FlowEndpoint.PodRef(side.namespace(), side.pod())
                : new FlowEndpoint.Address(side.ip());
    }
}
