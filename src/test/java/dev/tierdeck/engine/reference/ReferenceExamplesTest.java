package dev.tierdeck.engine.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.reference.ReferenceResult.Direction;
import dev.tierdeck.engine.reference.ReferenceResult.Hit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The reference evaluator gives exactly the answers of the public examples (FORMAT.md §6). */
class ReferenceExamplesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "01-platform-tier-pass",
                "02-namespace-default-deny",
                "03-kubernetes-networkpolicy",
                "04-staged-policy-preview",
                "05-globalnetworkset-egress",
                "06-impact-preview"
            })
    void referenceAgreesWithTheExample(String example) {
        ClusterState state = cluster(example, "cluster.yaml");
        List<ReferenceFlow> flows = flows(example);
        List<JsonNode> expected = lines(example, "expected.jsonl");
        assertThat(flows).hasSameSizeAs(expected);
        ReferenceEvaluator evaluator = new ReferenceEvaluator(state);
        for (int i = 0; i < flows.size(); i++) {
            ReferenceResult result = evaluator.evaluate(flows.get(i));
            JsonNode want = expected.get(i);
            String where = example + " " + flows.get(i).id() + ": " + result;
            assertThat(result.enforced().action())
                    .as(where)
                    .isEqualTo(want.get("action").stringValue());
            if (want.has("pendingAction")) {
                assertThat(result.pending().action())
                        .as(where)
                        .isEqualTo(want.get("pendingAction").stringValue());
            }
            for (String mode : List.of("enforced", "pending")) {
                if (!want.has(mode)) {
                    continue;
                }
                ReferenceResult.Outcome outcome = mode.equals("enforced") ? result.enforced() : result.pending();
                assertDirection(
                        where + " " + mode + ".egress",
                        outcome.egress(),
                        want.get(mode).get("egress"));
                assertDirection(
                        where + " " + mode + ".ingress",
                        outcome.ingress(),
                        want.get(mode).get("ingress"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"04-staged-policy-preview", "06-impact-preview"})
    void referenceImpactAgreesWithTheExample(String example) {
        ClusterState state = cluster(example, "cluster.yaml");
        Manifests change = ManifestReader.read("change.yaml", text(example, "change.yaml"));
        List<ReferenceImpact.Changed> changed = ReferenceImpact.impact(state, change.objects(), flows(example));
        List<String> actual = new ArrayList<>();
        changed.forEach(c -> actual.add(
                "{\"id\":\"" + c.id() + "\",\"before\":\"" + c.before() + "\",\"after\":\"" + c.after() + "\"}"));
        List<String> expected =
                new ArrayList<>(List.of(text(example, "expected-impact.jsonl").split("\n")));
        expected.removeLast();
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    private static void assertDirection(String where, Direction actual, JsonNode expected) {
        if (expected == null) {
            return;
        }
        if (expected.isNull()) {
            assertThat(actual).as(where).isNull();
            return;
        }
        assertThat(actual).as(where).isNotNull();
        assertThat(actual.action()).as(where).isEqualTo(expected.get("action").stringValue());
        JsonNode hits = expected.get("hits");
        assertThat(actual.hits()).as(where).hasSize(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            Hit hit = actual.hits().get(i);
            JsonNode want = hits.get(i);
            assertThat(hit.tier()).as(where).isEqualTo(want.get("tier").stringValue());
            assertThat(hit.kind()).as(where).isEqualTo(want.get("kind").stringValue());
            assertThat(hit.ruleIndex())
                    .as(where)
                    .isEqualTo(want.get("ruleIndex").intValue());
            assertThat(hit.action()).as(where).isEqualTo(want.get("action").stringValue());
            if (want.has("name")) {
                assertThat(hit.name()).as(where).isEqualTo(want.get("name").stringValue());
            }
            if (want.has("namespace")) {
                assertThat(hit.namespace())
                        .as(where)
                        .isEqualTo(
                                want.get("namespace").isNull()
                                        ? null
                                        : want.get("namespace").stringValue());
            }
        }
    }

    static ClusterState cluster(String example, String file) {
        Manifests manifests = ManifestReader.read(file, text(example, file));
        assertThat(manifests.errors()).isEmpty();
        return manifests.state();
    }

    static List<ReferenceFlow> flows(String example) {
        return lines(example, "flows.jsonl").stream()
                .map(ReferenceExamplesTest::flow)
                .toList();
    }

    static ReferenceFlow flow(JsonNode line) {
        return new ReferenceFlow(
                line.get("id").stringValue(),
                side(line.get("source")),
                side(line.get("destination")),
                Protocol.parse(line.get("protocol").asString()),
                integer(line, "port"),
                integer(line, "sourcePort"),
                integer(line, "icmpType"),
                integer(line, "icmpCode"));
    }

    private static ReferenceFlow.Side side(JsonNode node) {
        if (node.has("pod")) {
            String[] parts = node.get("pod").stringValue().split("/", 2);
            return ReferenceFlow.Side.pod(parts[0], parts[1]);
        }
        return ReferenceFlow.Side.ip(node.get("ip").stringValue());
    }

    private static Integer integer(JsonNode line, String field) {
        return line.has(field) ? line.get(field).intValue() : null;
    }

    private static List<JsonNode> lines(String example, String file) {
        return Stream.of(text(example, file).split("\n"))
                .filter(l -> !l.isBlank())
                .map(JSON::readTree)
                .toList();
    }

    private static String text(String example, String file) {
        String path = "/conformance/examples/" + example + "/" + file;
        try (InputStream in = ReferenceExamplesTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(path, e);
        }
    }
}
