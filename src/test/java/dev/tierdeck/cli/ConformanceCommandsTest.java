package dev.tierdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.eval.JsonSubset;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The conformance examples through the command line, in process, compared like the contract's checker does. */
class ConformanceCommandsTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    record Run(int status, String out, String err) {
        List<String> lines() {
            return out.isBlank() ? List.of() : List.of(out.strip().split("\n"));
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(
                args,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path examplesRoot() throws URISyntaxException {
        return Path.of(ConformanceCommandsTest.class
                .getResource("/conformance/examples")
                .toURI());
    }

    static Stream<Path> examples() throws IOException, URISyntaxException {
        try (Stream<Path> s = Files.list(examplesRoot())) {
            return s.filter(d -> Files.exists(d.resolve("cluster.yaml"))).sorted().toList().stream();
        }
    }

    private static List<JsonNode> jsonLines(List<String> lines) {
        return lines.stream().filter(l -> !l.isBlank()).map(JSON::readTree).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void evaluatePrintsOneMatchingLinePerFlowInInputOrder(Path example) throws IOException {
        Run run = run(
                "evaluate",
                "--cluster",
                example.resolve("cluster.yaml").toString(),
                "--flows",
                example.resolve("flows.jsonl").toString());
        assertThat(run.status()).as(run.err()).isZero();
        List<JsonNode> flows = jsonLines(Files.readAllLines(example.resolve("flows.jsonl")));
        List<JsonNode> expected = jsonLines(Files.readAllLines(example.resolve("expected.jsonl")));
        List<JsonNode> actual = jsonLines(run.lines());
        assertThat(actual).hasSameSizeAs(flows);
        for (int i = 0; i < flows.size(); i++) {
            assertThat(actual.get(i).get("id")).isEqualTo(flows.get(i).get("id"));
            List<String> keys = new ArrayList<>();
            actual.get(i).propertyNames().forEach(keys::add);
            assertThat(keys).containsExactly("id", "action", "pendingAction", "enforced", "pending");
        }
        for (JsonNode e : expected) {
            JsonNode a = actual.stream()
                    .filter(n -> n.get("id").equals(e.get("id")))
                    .findFirst()
                    .orElseThrow();
            assertThat(JsonSubset.differences(e, a)).as("flow %s", e.get("id")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void impactOutputEqualsTheExpectedLines(Path example) throws IOException {
        Path change = example.resolve("change.yaml");
        if (!Files.exists(change)) {
            return;
        }
        Run run = run(
                "impact",
                "--cluster",
                example.resolve("cluster.yaml").toString(),
                "--flows",
                example.resolve("flows.jsonl").toString(),
                "--change",
                change.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(jsonLines(run.lines()))
                .isEqualTo(jsonLines(Files.readAllLines(example.resolve("expected-impact.jsonl"))));
    }

    @Test
    void selectorCasesOfTheExamplesGiveTheExpectedResults() throws Exception {
        Path dir = examplesRoot().resolve("selectors");
        Run run = run("selector", "--cases", dir.resolve("cases.jsonl").toString());
        assertThat(run.status()).isZero();
        List<JsonNode> expected = jsonLines(Files.readAllLines(dir.resolve("expected.jsonl")));
        List<JsonNode> actual = jsonLines(run.lines());
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i).has("error")) {
                assertThat(actual.get(i).has("error")).as("case %d", i + 1).isTrue();
            } else {
                assertThat(actual.get(i)).as("case %d", i + 1).isEqualTo(expected.get(i));
            }
        }
    }
}
