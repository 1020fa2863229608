package dev.tierdeck.engine.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.eval.Change;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowBatch;
import dev.tierdeck.engine.eval.FlowChange;
import dev.tierdeck.engine.eval.Impact;
import dev.tierdeck.engine.eval.Verdict;
import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.reference.ReferenceEvaluator;
import dev.tierdeck.engine.reference.ReferenceFlow;
import dev.tierdeck.engine.reference.ReferenceImpact;
import dev.tierdeck.engine.reference.ReferenceResult;
import dev.tierdeck.engine.synthetic.EdgeCaseScenarios;
import dev.tierdeck.engine.synthetic.Scenario;
import dev.tierdeck.engine.synthetic.ScenarioYaml;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fast engine and the reference evaluator must agree on every flow (actions and hits, enforced and pending) and
 * on every impact, over many seeded edge-case scenarios. A disagreement is reported with its seed, the smallest
 * cluster that still shows it (as YAML for {@code tierdeck evaluate}), the flow, and both answers.
 */
class DifferentialTest {

    private static final int SCENARIOS = 520;
    private static final int FLOWS_PER_SCENARIO = 200;
    private static final int REPORTED = 5;

    @Test
    void fastEngineAgreesWithTheReferenceOnEveryFlow() {
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        int disagreeing = 0;
        for (long seed = 1; seed <= SCENARIOS; seed++) {
            Scenario scenario = EdgeCaseScenarios.generate(seed, FLOWS_PER_SCENARIO);
            ClusterState state = scenario.state();
            CompiledCluster fast = Engine.compile(state);
            ReferenceEvaluator reference = new ReferenceEvaluator(state);
            for (ReferenceFlow flow : scenario.flows()) {
                compared++;
                ReferenceResult expected = reference.evaluate(flow);
                ReferenceResult actual = Verdicts.comparable(fast.evaluate(Verdicts.flow(flow)));
                if (!expected.equals(actual)) {
                    disagreeing++;
                    if (disagreements.size() < REPORTED) {
                        disagreements.add(report(seed, scenario.objects(), flow));
                    }
                }
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(100_000);
        assertThat(disagreements)
                .as(
                        "%d of %d flows disagree; the first ones:%n%s",
                        disagreeing, compared, String.join("\n", disagreements))
                .isEmpty();
    }

    @Test
    void batchVerdictsSharedBetweenAlikeEndpointsAgreeWithTheReference() {
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        for (long seed = 1; seed <= SCENARIOS; seed++) {
            Scenario scenario = EdgeCaseScenarios.generate(seed, FLOWS_PER_SCENARIO);
            CompiledCluster fast = Engine.compile(scenario.state());
            ReferenceEvaluator reference = new ReferenceEvaluator(scenario.state());
            List<Flow> flows = scenario.flows().stream().map(Verdicts::flow).toList();
            Verdict[] actual = fast.actions(FlowBatch.of(fast, flows), false);
            for (int i = 0; i < flows.size(); i++) {
                compared++;
                ReferenceFlow flow = scenario.flows().get(i);
                String expected = reference.evaluate(flow).enforced().action();
                if (!expected.equals(actual[i].name()) && disagreements.size() < REPORTED) {
                    disagreements.add(report(seed, scenario.objects(), flow));
                }
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(100_000);
        assertThat(disagreements).isEmpty();
    }

    @Test
    void fastImpactAgreesWithTheReferenceOnRandomChanges() {
        List<String> disagreements = new ArrayList<>();
        for (long seed = 1; seed <= SCENARIOS / 4; seed++) {
            Scenario scenario = EdgeCaseScenarios.generate(seed, FLOWS_PER_SCENARIO / 2);
            List<ClusterObject> change = EdgeCaseScenarios.change(scenario, seed * 31);
            List<ReferenceImpact.Changed> expected = ReferenceImpact.impact(scenario.state(), change, scenario.flows());
            List<Flow> flows = scenario.flows().stream().map(Verdicts::flow).toList();
            List<ReferenceImpact.Changed> actual = new ArrayList<>();
            for (FlowChange c : Impact.of(Engine.compile(scenario.state()), Change.of(change), flows)
                    .changes()) {
                actual.add(new ReferenceImpact.Changed(
                        c.flow().id(),
                        c.before().action().name(),
                        c.after().action().name()));
            }
            if (!expected.equals(actual) && disagreements.size() < REPORTED) {
                disagreements.add("seed " + seed + "\nchange:\n" + ScenarioYaml.write(change) + "expected " + expected
                        + "\nactual   " + actual + "\ncluster:\n" + ScenarioYaml.write(scenario.objects()));
            }
        }
        assertThat(disagreements).as(String.join("\n", disagreements)).isEmpty();
    }

    /** The smallest cluster (greedy one-object removal) on which the two still disagree about this flow. */
    private static String report(long seed, List<ClusterObject> objects, ReferenceFlow flow) {
        List<ClusterObject> minimal = new ArrayList<>(objects);
        boolean shrunk = true;
        while (shrunk) {
            shrunk = false;
            for (int i = minimal.size() - 1; i >= 0; i--) {
                List<ClusterObject> candidate = new ArrayList<>(minimal);
                candidate.remove(i);
                if (disagree(candidate, flow)) {
                    minimal = candidate;
                    shrunk = true;
                }
            }
        }
        ClusterState state = ClusterState.of(minimal);
        ReferenceResult expected = new ReferenceEvaluator(state).evaluate(flow);
        ReferenceResult actual = Verdicts.comparable(Engine.compile(state).evaluate(Verdicts.flow(flow)));
        return "---- seed " + seed + "\n# cluster.yaml\n" + ScenarioYaml.write(minimal) + "# flows.jsonl\n"
                + Verdicts.json(flow) + "\n# expected (reference)\n" + Verdicts.describe(expected)
                + "# actual (engine)\n" + Verdicts.describe(actual);
    }

    private static boolean disagree(List<ClusterObject> objects, ReferenceFlow flow) {
        try {
            ClusterState state = ClusterState.of(objects);
            ReferenceResult expected = new ReferenceEvaluator(state).evaluate(flow);
            ReferenceResult actual = Verdicts.comparable(Engine.compile(state).evaluate(Verdicts.flow(flow)));
            return !expected.equals(actual);
        } catch (RuntimeException e) {
            // Removing a pod the flow names makes the flow invalid for both: not a smaller example.
            return false;
        }
    }
}
