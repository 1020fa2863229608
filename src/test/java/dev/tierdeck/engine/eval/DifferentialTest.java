package dev.tierdeck.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.ManifestWriter;
import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.reference.ReferenceEvaluator;
import dev.tierdeck.engine.reference.ReferenceFlow;
import dev.tierdeck.engine.reference.ReferenceResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fast engine and the slow reference evaluator (written straight from the specification) agree on random
 * seeded scenarios: verdicts and every decisive hit, enforced and pending.
 */
class DifferentialTest {

    private static final int SCENARIOS = 350;
    private static final int FLOWS = 300;

    @Test
    void engineAgreesWithTheReferenceEvaluatorOnRandomScenarios() {
        List<String> disagreements = new ArrayList<>();
        int flows = 0;
        int skipped = 0;
        for (int seed = 0; seed < SCENARIOS && disagreements.size() < 10; seed++) {
            ScenarioGenerator g = new ScenarioGenerator(seed);
            ClusterState state = g.cluster();
            CompiledCluster engine = Engine.compile(state);
            ReferenceEvaluator reference = new ReferenceEvaluator(state);
            for (Flow f : g.flows(FLOWS)) {
                flows++;
                String ours = describe(engine.evaluate(f));
                String theirs;
                try {
                    theirs = describe(reference.evaluate(toReference(f)));
                } catch (RuntimeException e) {
                    // The reference cannot answer this flow; it is not a comparison.
                    skipped++;
                    continue;
                }
                if (!ours.equals(theirs)) {
                    disagreements.add("seed " + seed + " flow " + f + "\n  engine:    " + ours + "\n  reference: "
                            + theirs
                            + "\n"
                            + ManifestWriter.toYaml(new ArrayList<ClusterObject>(state.objects())
                                    .stream()
                                            .filter(o -> o instanceof dev.tierdeck.engine.model.CalicoPolicy
                                                    || o instanceof dev.tierdeck.engine.model.KubernetesNetworkPolicy
                                                    || o instanceof dev.tierdeck.engine.model.ClusterNetworkPolicy
                                                    || o instanceof dev.tierdeck.engine.model.Tier)
                                            .toList()));
                    break;
                }
            }
        }
        assertThat(flows - skipped).isGreaterThan(SCENARIOS * FLOWS * 9 / 10);
        assertThat(disagreements).isEmpty();
    }

    @Test
    void generatedScenariosSurviveAnEncodeDecodeRoundTrip() {
        for (int seed = 0; seed < 50; seed++) {
            ClusterState state = new ScenarioGenerator(seed).cluster();
            List<ClusterObject> objects = new ArrayList<>(state.objects());
            var decoded = ManifestReader.read("generated", ManifestWriter.toYaml(objects));
            assertThat(decoded.errors()).as("seed %d", seed).isEmpty();
            assertThat(decoded.objects()).as("seed %d", seed).isEqualTo(objects);
        }
    }

    static ReferenceFlow toReference(Flow f) {
        return new ReferenceFlow(
                f.id(),
                side(f.source()),
                side(f.destination()),
                f.protocol(),
                f.port(),
                f.sourcePort(),
                f.icmpType(),
                f.icmpCode());
    }

    static Flow fromReference(ReferenceFlow f) {
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

    private static FlowEndpoint endpoint(ReferenceFlow.Side s) {
        return s.isPod() ? new FlowEndpoint.PodRef(s.namespace(), s.pod()) : new FlowEndpoint.Address(s.ip());
    }

    private static ReferenceFlow.Side side(FlowEndpoint e) {
        return switch (e) {
            case FlowEndpoint.PodRef p -> ReferenceFlow.Side.pod(p.namespace(), p.name());
            case FlowEndpoint.Address a -> ReferenceFlow.Side.ip(a.ip());
        };
    }

    private static String describe(FlowVerdict v) {
        return v.action() + "/" + v.pendingAction() + " enforced " + trace(v.enforced()) + " pending "
                + trace(v.pending());
    }

    private static String trace(Trace t) {
        return "E" + direction(t.egress()) + " I" + direction(t.ingress());
    }

    private static String direction(DirectionVerdict d) {
        if (d == null) {
            return "null";
        }
        StringBuilder s = new StringBuilder(d.action().name())
                .append(d.hits().stream()
                        .map(h -> h.tier() + "|" + h.kind() + "|" + h.namespace() + "/" + h.name() + "|" + h.ruleIndex()
                                + "|" + h.action())
                        .toList());
        return s.toString();
    }

    private static String describe(ReferenceResult r) {
        return r.enforced().action() + "/" + r.pending().action() + " enforced " + trace(r.enforced()) + " pending "
                + trace(r.pending());
    }

    private static String trace(ReferenceResult.Outcome t) {
        return "E" + direction(t.egress()) + " I" + direction(t.ingress());
    }

    private static String direction(ReferenceResult.Direction d) {
        if (d == null) {
            return "null";
        }
        return d.action()
                + d.hits().stream()
                        .map(h -> h.tier() + "|" + h.kind() + "|" + h.namespace() + "/" + h.name() + "|" + h.ruleIndex()
                                + "|" + h.action())
                        .toList();
    }
}
