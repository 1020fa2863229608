package dev.tierdeck.engine.eval;

import static dev.tierdeck.engine.eval.Scenario.ip;
import static dev.tierdeck.engine.eval.Scenario.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.synthetic.EdgeCaseScenarios;
import dev.tierdeck.engine.synthetic.LargeCluster;
import dev.tierdeck.engine.synthetic.LargeClusterPolicies;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verdict-only path (packed tier programs) answers exactly as the walk that builds traces: on random scenarios,
 * and on each criterion the packed form carries itself, with pairs of flows that differ only in that criterion.
 */
class VerdictProgramsTest {

    @Test
    void verdictOnlyPathAgreesWithTheTracedWalkOnRandomScenarios() {
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        for (int seed = 0; seed < 200 && disagreements.size() < 5; seed++) {
            ScenarioGenerator g = new ScenarioGenerator(seed);
            ClusterState state = g.cluster();
            CompiledCluster engine = Engine.compile(state);
            List<Flow> flows = new ArrayList<>();
            for (Flow f : g.flows(300)) {
                try {
                    engine.resolve(f);
                    flows.add(f);
                } catch (RuntimeException e) {
                    // A flow the engine refuses (unknown pod, bad address) has no verdict on either path.
                }
            }
            Verdict[] batch = engine.actions(FlowBatch.of(engine, flows), false);
            for (int i = 0; i < flows.size(); i++) {
                compared++;
                Verdict traced = engine.evaluate(flows.get(i)).action();
                Verdict single = engine.action(flows.get(i));
                if (traced != single || traced != batch[i]) {
                    disagreements.add("seed " + seed + " " + flows.get(i) + ": traced " + traced + ", verdict only "
                            + single + ", batch " + batch[i]);
                }
            }
        }
        assertThat(compared).isGreaterThan(50_000);
        assertThat(disagreements).isEmpty();
    }

    @Test
    void verdictOnlyPathAgreesWithTheTracedWalkOnTheBenchmarkCluster() {
        // A thousand pods: member sets span more than one 64-pod word, unlike the small random scenarios.
        for (long seed = 1; seed <= 2; seed++) {
            dev.tierdeck.engine.synthetic.Scenario scenario = LargeCluster.SMALL.generate(seed);
            CompiledCluster engine = Engine.compile(scenario.state());
            List<Flow> flows = scenario.flows().stream()
                    .map(DifferentialTest::fromReference)
                    .toList();
            Verdict[] batch = engine.actions(FlowBatch.of(engine, flows), false);
            int disagreeing = 0;
            for (int i = 0; i < flows.size(); i++) {
                Verdict traced = engine.evaluate(flows.get(i)).action();
                if (traced != batch[i] || traced != engine.action(flows.get(i))) {
                    disagreeing++;
                }
            }
            assertThat(disagreeing).as("seed %d", seed).isZero();
        }
    }

    @Test
    void aClusterDerivedByAChangeAnswersAsOneCompiledFromScratch() {
        // The derived cluster keeps the programs of pods no changed policy selects and reuses unchanged tier blocks.
        int compared = 0;
        for (long seed = 1; seed <= 120; seed++) {
            dev.tierdeck.engine.synthetic.Scenario scenario = EdgeCaseScenarios.generate(seed, 150);
            List<Flow> flows = scenario.flows().stream()
                    .map(DifferentialTest::fromReference)
                    .toList();
            CompiledCluster before = Engine.compile(scenario.state());
            FlowBatch batch = FlowBatch.of(before, flows);
            before.actions(batch, false);
            Change change = Change.of(EdgeCaseScenarios.change(scenario, seed * 31));
            CompiledCluster after = Impact.of(before, change, batch).after();
            assertThat(after.actions(batch, false))
                    .as("seed %d", seed)
                    .containsExactly(
                            flows.stream().map(f -> after.evaluate(f).action()).toArray(Verdict[]::new));
            compared += flows.size();
        }
        assertThat(compared).isGreaterThan(10_000);
    }

    @Test
    void benchmarkChangesLeaveDerivedClustersExact() {
        dev.tierdeck.engine.synthetic.Scenario scenario = LargeCluster.SMALL.generate(3);
        List<Flow> flows =
                scenario.flows().stream().map(DifferentialTest::fromReference).toList();
        CompiledCluster before = Engine.compile(scenario.state());
        FlowBatch batch = FlowBatch.of(before, flows);
        before.actions(batch, false);
        for (Change change : List.of(
                Change.of(LargeClusterPolicies.developerChange(LargeCluster.SMALL, 3, 1)),
                Change.of(LargeClusterPolicies.adminChange(1)))) {
            CompiledCluster after = Impact.of(before, change, batch).after();
            CompiledCluster fresh = Engine.compile(change.applyTo(scenario.state()));
            assertThat(after.actions(batch, false)).containsExactly(fresh.actions(FlowBatch.of(fresh, flows), false));
        }
    }

    @Test
    void namedPortUnderASelectorCountsThePodItselfNotANetworkSetHoldingItsAddress() {
        String set = """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkSet
                metadata: {name: web-range, labels: {kind: ext}}
                spec: {nets: [10.0.0.0/24]}
                ---
                """;
        CompiledCluster bySet = cluster(set + ingressTo("""
                {action: Allow, destination: {selector: "kind == 'ext'", ports: [http]}}"""));
        CompiledCluster byPod = cluster(set + ingressTo("""
                {action: Allow, destination: {selector: "app == 'web'", ports: [http]}}"""));
        assertThat(verdict(bySet, pod("b/client-0"), pod("a/web-0"), Protocol.TCP, 8080))
                .isEqualTo(Verdict.Deny);
        assertThat(verdict(byPod, pod("b/client-0"), pod("a/web-0"), Protocol.TCP, 8080))
                .isEqualTo(Verdict.Allow);
    }

    @Test
    void aRangeAndANameOnOneRuleMatchEitherAndNothingElse() {
        CompiledCluster c =
                cluster(ingressTo("{action: Allow, protocol: TCP, destination: {ports: ['9000:9001', http]}}"));
        assertThat(verdict(c, pod("b/client-0"), pod("a/web-0"), Protocol.TCP, 8080))
                .isEqualTo(Verdict.Allow);
        assertThat(verdict(c, pod("b/client-0"), pod("a/web-0"), Protocol.TCP, 9001))
                .isEqualTo(Verdict.Allow);
        assertThat(verdict(c, pod("b/client-0"), pod("a/web-0"), Protocol.TCP, 9002))
                .isEqualTo(Verdict.Deny);
        assertThat(verdict(c, pod("b/client-0"), pod("a/web-0"), Protocol.UDP, 8080))
                .isEqualTo(Verdict.Deny);
    }

    @Test
    void severalPortRangesOnOneRuleMatchEachRange() {
        CompiledCluster c = cluster(ingressTo("{action: Allow, protocol: TCP, destination: {ports: [80, 443]}}"));
        assertThat(verdict(c, pod("b/client-0"), pod("a/web-0"), Protocol.TCP, 80))
                .isEqualTo(Verdict.Allow);
        assertThat(verdict(c, pod("b/client-0"), pod("a/web-0"), Protocol.TCP, 443))
                .isEqualTo(Verdict.Allow);
        assertThat(verdict(c, pod("b/client-0"), pod("a/web-0"), Protocol.TCP, 444))
                .isEqualTo(Verdict.Deny);
    }

    @Test
    void protocolAndNotProtocolTellFlowsApartByProtocolAlone() {
        CompiledCluster udpOnly = cluster(ingressTo("{action: Allow, protocol: UDP}"));
        CompiledCluster notTcp = cluster(ingressTo("{action: Allow, notProtocol: TCP}"));
        assertThat(verdict(udpOnly, pod("b/client-0"), pod("a/web-0"), Protocol.UDP, 53))
                .isEqualTo(Verdict.Allow);
        assertThat(verdict(udpOnly, pod("b/client-0"), pod("a/web-0"), Protocol.TCP, 53))
                .isEqualTo(Verdict.Deny);
        assertThat(verdict(notTcp, pod("b/client-0"), pod("a/web-0"), Protocol.SCTP, 53))
                .isEqualTo(Verdict.Allow);
        assertThat(verdict(notTcp, pod("b/client-0"), pod("a/web-0"), Protocol.TCP, 53))
                .isEqualTo(Verdict.Deny);
    }

    @Test
    void aGlobalNotSelectorExcludesOnlyTheSelectedSources() {
        CompiledCluster c = cluster(ingressTo("{action: Allow, source: {notSelector: \"app == 'client'\"}}"));
        assertThat(verdict(c, pod("b/client-0"), pod("a/web-0"), Protocol.TCP, 8080))
                .isEqualTo(Verdict.Deny);
        assertThat(verdict(c, pod("a/db-0"), pod("a/web-0"), Protocol.TCP, 8080))
                .isEqualTo(Verdict.Allow);
        assertThat(verdict(c, ip("8.8.8.8"), pod("a/web-0"), Protocol.TCP, 8080))
                .isEqualTo(Verdict.Allow);
    }

    @Test
    void aRuleForOneAddressFamilyIgnoresFlowsOfTheOther() {
        CompiledCluster c = cluster(ingressTo("{action: Allow, ipVersion: 6}"));
        assertThat(verdict(c, pod("b/client-0"), pod("a/web-0"), Protocol.TCP, 8080))
                .isEqualTo(Verdict.Deny);
    }

    @Test
    void aPassingTierHandsOnAndADenyingTierStops() {
        String tiers = """
                apiVersion: projectcalico.org/v3
                kind: Tier
                metadata: {name: first}
                spec: {order: 10, defaultAction: Pass}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: log-only}
                spec: {tier: first, selector: "app == 'web'", ingress: [{action: Log}]}
                """;
        CompiledCluster passing = cluster(tiers);
        CompiledCluster denying = cluster(tiers.replace("defaultAction: Pass", "defaultAction: Deny"));
        assertThat(verdict(passing, pod("b/client-0"), pod("a/web-0"), Protocol.TCP, 8080))
                .isEqualTo(Verdict.Allow);
        assertThat(verdict(denying, pod("b/client-0"), pod("a/web-0"), Protocol.TCP, 8080))
                .isEqualTo(Verdict.Deny);
    }

    private static String ingressTo(String rule) {
        return """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: g}
                spec:
                  selector: "app == 'web'"
                  ingress: [%s]
                """.formatted(rule);
    }

    private static CompiledCluster cluster(String policies) {
        Manifests m = ManifestReader.read("test.yaml", Scenario.BASE + "---\n" + policies);
        assertThat(m.errors()).isEmpty();
        return Engine.compile(m.state());
    }

    /** The verdict of the packed batch path, checked against the traced walk and the single-flow walk. */
    private static Verdict verdict(CompiledCluster c, FlowEndpoint src, FlowEndpoint dst, Protocol protocol, int port) {
        Flow flow = Flow.of("f", src, dst, protocol, port);
        Verdict packed = c.actions(FlowBatch.of(c, List.of(flow)), false)[0];
        assertThat(packed).as("traced walk").isEqualTo(c.evaluate(flow).action());
        assertThat(packed).as("single-flow walk").isEqualTo(c.action(flow));
        return packed;
    }
}
