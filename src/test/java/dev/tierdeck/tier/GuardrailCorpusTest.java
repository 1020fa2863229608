package dev.tierdeck.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The adversarial corpus: for every guardrail, rules that break it written in many ways with the same meaning (splits,
 * overlaps, host bits, notNets, IPv6 halves, network sets, selector tautologies, port ranges covering everything, named
 * ports, rule order), which must all give the same violation (guardrail, field, severity and message, the message
 * also checked word for word), and near misses that are genuinely narrower, which must not trip it.
 *
 * <p>Each file under {@code tier/guardrails/} holds one guardrail: {@code guardrail}, optional {@code settings}
 * merged into the built-in rules, {@code groups} (each a {@code name}, the expected {@code field} and
 * {@code message}, and its {@code rewrites}) and {@code nearMisses}; every case is a {@code name} and a policy
 * {@code spec}.
 */
class GuardrailCorpusTest {

    static final List<String> FILES = List.of(
            "egress-cidrs-public.yaml",
            "egress-cidrs-allowed.yaml",
            "ingress-all-namespaces.yaml",
            "peer-namespaces.yaml",
            "protocols-ports.yaml");

    @TestFactory
    Stream<DynamicNode> everyRewriteTripsTheSameViolationAndNoNearMissTripsIt() {
        return FILES.stream().map(GuardrailCorpusTest::file);
    }

    @SuppressWarnings("unchecked")
    private static DynamicNode file(String name) {
        Map<String, Object> corpus = GuardrailCorpus.YAML.readValue(GuardrailCorpus.resource(name), Map.class);
        String guardrail = (String) corpus.get("guardrail");
        GuardrailRules rules = GuardrailCorpus.rules((Map<String, Object>) corpus.getOrDefault("settings", Map.of()));
        List<DynamicNode> nodes = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) corpus.get("groups")) {
            String field = (String) group.get("field");
            String message = (String) group.get("message");
            List<DynamicNode> rewrites = new ArrayList<>();
            for (Map<String, Object> rewrite : (List<Map<String, Object>>) group.get("rewrites")) {
                String spec = (String) rewrite.get("spec");
                rewrites.add(DynamicTest.dynamicTest((String) rewrite.get("name"), () -> {
                    List<Violation> found = GuardrailCorpus.check(spec, rules).stream()
                            .filter(v -> v.guardrail().equals(guardrail))
                            .toList();
                    assertThat(found).as("%s: %s", name, spec).singleElement().satisfies(v -> {
                        assertThat(v.field()).isEqualTo(field);
                        assertThat(v.message()).isEqualTo(message);
                    });
                }));
            }
            nodes.add(DynamicContainer.dynamicContainer((String) group.get("name"), rewrites));
        }
        List<DynamicNode> misses = new ArrayList<>();
        for (Map<String, Object> miss : (List<Map<String, Object>>) corpus.getOrDefault("nearMisses", List.of())) {
            String spec = (String) miss.get("spec");
            misses.add(DynamicTest.dynamicTest(
                    (String) miss.get("name"),
                    () -> assertThat(GuardrailCorpus.check(spec, rules))
                            .as("%s near miss: %s", name, spec)
                            .noneMatch(v -> v.guardrail().equals(guardrail))));
        }
        nodes.add(DynamicContainer.dynamicContainer("near misses", misses));
        return DynamicContainer.dynamicContainer(name, nodes);
    }
}
