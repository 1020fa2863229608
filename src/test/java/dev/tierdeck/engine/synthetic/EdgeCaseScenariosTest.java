package dev.tierdeck.engine.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.reference.ReferenceEvaluator;
import dev.tierdeck.engine.reference.ReferenceFlow;
import org.junit.jupiter.api.Test;

class EdgeCaseScenariosTest {

    @Test
    void sameSeedGivesTheSameScenario() {
        assertThat(EdgeCaseScenarios.generate(17, 50)).isEqualTo(EdgeCaseScenarios.generate(17, 50));
        assertThat(EdgeCaseScenarios.generate(17, 50)).isNotEqualTo(EdgeCaseScenarios.generate(18, 50));
    }

    @Test
    void scenariosWrittenAsYamlDecodeBackToTheSameCluster() {
        for (long seed = 0; seed < 60; seed++) {
            Scenario scenario = EdgeCaseScenarios.generate(seed, 0);
            String yaml = ScenarioYaml.write(scenario.objects());
            Manifests decoded = ManifestReader.read("scenario-" + seed + ".yaml", yaml);
            assertThat(decoded.errors()).as("seed %d:\n%s", seed, yaml).isEmpty();
            for (var object : scenario.state().objects()) {
                assertThat(decoded.state().get(object.key()))
                        .as("seed %d", seed)
                        .isEqualTo(object);
            }
            assertThat(decoded.state()).as("seed %d:\n%s", seed, yaml).isEqualTo(scenario.state());
        }
    }

    @Test
    void everyGeneratedFlowCanBeEvaluated() {
        for (long seed = 0; seed < 100; seed++) {
            Scenario scenario = EdgeCaseScenarios.generate(seed, 30);
            ReferenceEvaluator reference = new ReferenceEvaluator(scenario.state());
            for (ReferenceFlow flow : scenario.flows()) {
                assertThat(reference.evaluate(flow).id()).isEqualTo(flow.id());
            }
        }
    }
}
