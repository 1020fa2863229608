package dev.tierdeck.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Every conformance example, evaluated through the engine API and compared like the contract's checker does. */
class ConformanceExamplesTest {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    static Stream<Path> examples() throws IOException, URISyntaxException {
        Path root = Path.of(ConformanceExamplesTest.class
                .getResource("/conformance/examples")
                .toURI());
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(d -> Files.exists(d.resolve("cluster.yaml"))).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void engineVerdictsContainEveryExpectedField(Path example) throws IOException {
        CompiledCluster cluster =
                Engine.compile(read(example.resolve("cluster.yaml")).state());
        Map<String, JsonNode> expected = byId(example.resolve("expected.jsonl"));
        List<Flow> flows = flows(example);
        assertThat(flows).isNotEmpty();
        for (Flow f : flows) {
            FlowVerdict v = cluster.evaluate(f);
            ObjectNode actual = JSON.valueToTree(v);
            actual.put("action", v.action().name());
            actual.put("pendingAction", v.pendingAction().name());
            assertThat(JsonSubset.differences(expected.get(f.id()), actual))
                    .as("flow %s", f.id())
                    .isEmpty();
            assertThat(cluster.action(f)).isEqualTo(v.action());
            assertThat(cluster.pendingAction(f)).isEqualTo(v.pendingAction());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void impactListsExactlyTheExpectedChanges(Path example) throws IOException {
        Path change = example.resolve("change.yaml");
        if (!Files.exists(change)) {
            return;
        }
        CompiledCluster cluster =
                Engine.compile(read(example.resolve("cluster.yaml")).state());
        ImpactReport report = Impact.of(cluster, Change.of(read(change).objects()), flows(example));
        List<String> actual = new ArrayList<>();
        for (FlowChange c : report.changes()) {
            actual.add("{\"id\":\"" + c.flow().id() + "\",\"before\":\""
                    + c.before().action() + "\",\"after\":\"" + c.after().action() + "\"}");
        }
        actual.add("{\"summary\":{\"flows\":" + report.flows() + ",\"changed\":" + report.changed()
                + ",\"newlyDenied\":" + report.newlyDenied() + ",\"newlyAllowed\":" + report.newlyAllowed() + "}}");
        List<JsonNode> expected = new ArrayList<>();
        for (String line : Files.readAllLines(example.resolve("expected-impact.jsonl"))) {
            if (!line.isBlank()) {
                expected.add(JSON.readTree(line));
            }
        }
        assertThat(actual.stream().map(JSON::readTree).toList()).isEqualTo(expected);
    }

    static Manifests read(Path file) throws IOException {
        Manifests m = ManifestReader.read(file.toString(), Files.readString(file));
        assertThat(m.errors()).isEmpty();
        return m;
    }

    static List<Flow> flows(Path example) throws IOException {
        FlowReader.Result r = FlowReader.read("flows.jsonl", Files.readString(example.resolve("flows.jsonl")));
        assertThat(r.problems()).isEmpty();
        return r.flows();
    }

    static Map<String, JsonNode> byId(Path file) throws IOException {
        Map<String, JsonNode> out = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                JsonNode n = JSON.readTree(line);
                out.put(n.get("id").asString(), n);
            }
        }
        return out;
    }
}
