package dev.tierdeck.cli;

import static dev.tierdeck.cli.ConformanceCommandsTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.cli.ConformanceCommandsTest.Run;
import dev.tierdeck.engine.eval.JsonSubset;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The assert command's table: each folder under {@code cli/assert/cases} holds an assertions file (and a change)
 * run against {@code cli/assert/cluster.yaml}, with either the expected JSON lines (key subsets, in order; the exit
 * status follows from the summary) or the error messages standard error must carry (exit status 2).
 */
class AssertCommandTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    static Path root() throws URISyntaxException {
        return Path.of(AssertCommandTest.class.getResource("/cli/assert").toURI());
    }

    static Stream<Path> cases() throws IOException, URISyntaxException {
        try (Stream<Path> s = Files.list(root().resolve("cases"))) {
            return s.sorted().toList().stream();
        }
    }

    private static Run assertCase(Path example, String... extra) throws URISyntaxException {
        List<String> args = new ArrayList<>(List.of(
                "assert",
                "--cluster",
                root().resolve("cluster.yaml").toString(),
                "--assertions",
                example.resolve("assertions.yaml").toString()));
        if (Files.exists(example.resolve("change.yaml"))) {
            args.addAll(List.of("--change", example.resolve("change.yaml").toString()));
        }
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printsTheExpectedResultsAndExitStatus(Path example) throws IOException, URISyntaxException {
        Run run = assertCase(example, "--json");
        Path errors = example.resolve("expected-errors.txt");
        if (Files.exists(errors)) {
            assertThat(run.status()).as(run.err()).isEqualTo(Cli.BAD_INPUT);
            assertThat(run.out()).isEmpty();
            for (String line : Files.readAllLines(errors)) {
                if (!line.isBlank()) {
                    assertThat(run.err()).contains(line);
                }
            }
            assertThat(run.err()).doesNotContain("Exception").doesNotContain("internal error");
            return;
        }
        List<JsonNode> expected = Files.readAllLines(example.resolve("expected.jsonl")).stream()
                .filter(l -> !l.isBlank())
                .map(JSON::readTree)
                .toList();
        List<JsonNode> actual = run.lines().stream().map(JSON::readTree).toList();
        assertThat(actual).as(run.out() + run.err()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(JsonSubset.differences(expected.get(i), actual.get(i)))
                    .as("line %d: %s", i + 1, actual.get(i))
                    .isEmpty();
        }
        JsonNode summary = expected.getLast().get("summary");
        boolean allHold = summary.get("violated").asInt() + summary.get("empty").asInt() == 0;
        assertThat(run.status()).as(run.err()).isEqualTo(allHold ? Cli.OK : AssertCommand.NOT_HOLDING);
    }

    @Test
    void textOutputNamesTheExampleTheVerdictAndTheDecidingRule() throws URISyntaxException {
        Run run = assertCase(root().resolve("cases/05-nets-hole-found-by-splitting"));
        assertThat(run.status()).isEqualTo(AssertCommand.NOT_HOLDING);
        assertThat(run.lines())
                .containsExactly(
                        "VIOLATED  payments-egress-only-to-card-processor: payments/api-0 -> 198.51.100.128 TCP 443 is"
                                + " allowed, expected deny",
                        "          egress at payments/api-0: allowed by tier default, NetworkPolicy"
                                + " payments/payments-api, egress rule 1",
                        run.lines().get(2),
                        run.lines().get(3),
                        "3 assertions: 2 hold, 1 violated, 0 cover nothing");
        assertThat(run.lines().get(2)).startsWith("holds     payments-never-reaches-the-lower-half (");
        assertThat(run.lines().get(3)).startsWith("holds     payments-reaches-the-card-processor (");
    }

    @Test
    void textOutputExplainsADenialAtTheEndOfATierAndAnAssertionThatCoversNothing() throws URISyntaxException {
        Run denied = assertCase(root().resolve("cases/02-must-allow-violated"));
        assertThat(denied.lines())
                .startsWith(
                        "VIOLATED  cart-reaches-postgres: checkout/cart-0 -> db/pg-0 TCP 5432 is denied, expected allow",
                        "          ingress at db/pg-0: denied at the end of tier default (no rule matched; last policy"
                                + " db/db-ingress)");
        Run empty = assertCase(root().resolve("cases/07-covers-nothing"));
        assertThat(empty.lines().getFirst())
                .isEqualTo("EMPTY     kart-reaches-redis: covers nothing: no pod or address matches the sources");
    }

    @Test
    void badCommandLinesAreBadInput() throws IOException, URISyntaxException {
        String cluster = root().resolve("cluster.yaml").toString();
        String assertions =
                root().resolve("cases/01-must-allow-holds/assertions.yaml").toString();
        Run missing = run("assert", "--cluster", cluster);
        assertThat(missing.status()).isEqualTo(Cli.BAD_INPUT);
        assertThat(missing.err()).contains("assert: --assertions needs exactly one file");
        Run jsonValue = run("assert", "--cluster", cluster, "--assertions", assertions, "--json", "yes");
        assertThat(jsonValue.status()).isEqualTo(Cli.BAD_INPUT);
        assertThat(jsonValue.err()).contains("assert: --json takes no value");
        Run noFile = run(
                "assert",
                "--cluster",
                cluster,
                "--assertions",
                dir.resolve("none.yaml").toString());
        assertThat(noFile.status()).isEqualTo(Cli.BAD_INPUT);
        assertThat(noFile.err()).contains("none.yaml: no such file");
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'-', ' ', (byte) 0xE9});
        Run notUtf8 = run("assert", "--cluster", cluster, "--assertions", latin1.toString());
        assertThat(notUtf8.status()).isEqualTo(Cli.BAD_INPUT);
        assertThat(notUtf8.err()).contains("latin1.yaml: not UTF-8 text");
        assertThat(run("assert", "--clusters", cluster).status()).isEqualTo(Cli.BAD_INPUT);
    }

    @Test
    void anEmptyListHoldsTriviallyButAnEmptyFileIsBadInput() throws IOException, URISyntaxException {
        String cluster = root().resolve("cluster.yaml").toString();
        Run none = run(
                "assert",
                "--cluster",
                cluster,
                "--assertions",
                Files.writeString(dir.resolve("a.yaml"), "[]\n").toString());
        assertThat(none.status()).isZero();
        assertThat(none.lines()).containsExactly("0 assertions: 0 hold, 0 violated, 0 cover nothing");
        Run blank = run(
                "assert",
                "--cluster",
                cluster,
                "--assertions",
                Files.writeString(dir.resolve("b.yaml"), "# none\n").toString());
        assertThat(blank.status()).isEqualTo(Cli.BAD_INPUT);
        assertThat(blank.err()).contains("b.yaml: expected a list of assertions, found nothing");
    }
}
