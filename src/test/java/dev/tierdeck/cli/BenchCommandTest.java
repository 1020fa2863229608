package dev.tierdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BenchCommandTest {

    @Test
    void smallBenchEndsWithAJsonLineOfFigures() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(
                new String[] {"bench", "--small", "--json", "--seed", "3"},
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSizeGreaterThan(5);
        assertThat(lines.getFirst())
                .startsWith("cluster: 20 namespaces, 1000 pods, 200 policies, 20000 flows (seed 3)");
        JsonNode figures = JsonMapper.builder().build().readTree(lines.getLast());
        assertThat(figures.get("cores").intValue())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        for (String field : List.of(
                "evaluateFlowsPerSecondPerCore",
                "developerImpactMillisP50",
                "developerImpactMillisP99",
                "adminImpactMillisP50",
                "adminImpactMillisP99",
                "recommendMillisP50",
                "recommendMillisMax",
                "heapMiB",
                "referenceFlowsPerSecond",
                "assertNamespaceToNamespaceMillis",
                "assertAnythingToANamespaceMillis",
                "assertNamespaceToOutsideMillis")) {
            assertThat(figures.get(field)).as(field).isNotNull();
            assertThat(figures.get(field).isNumber()).as(field).isTrue();
            assertThat(figures.get(field).doubleValue()).as(field).isPositive();
        }
        assertThat(figures.get("developerImpactMillisP99").doubleValue())
                .isGreaterThanOrEqualTo(figures.get("developerImpactMillisP50").doubleValue());
    }

    @Test
    void unknownOptionIsBadInput() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(
                new String[] {"bench", "--fast"},
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(Cli.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --fast");
    }
}
