package dev.tierdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectorCommandTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(
                args,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = SelectorCommandTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void casesFileGivesTheExpectedLineForEveryPublicExample() throws IOException {
        Path cases = file("cases.jsonl", resource("/conformance/examples/selectors/cases.jsonl"));
        List<String> expected = List.of(
                resource("/conformance/examples/selectors/expected.jsonl").split("\n"));

        Run run = run("selector", "--cases", cases.toString());

        assertThat(run.status()).isZero();
        assertThat(run.lines()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i).contains("\"error\"")) {
                assertThat(run.lines().get(i)).matches("\\{\"error\":\"[^\"]+.*\",\"position\":\\d+}");
            } else {
                assertThat(run.lines().get(i)).isEqualTo(expected.get(i));
            }
        }
    }

    @Test
    void casesFilePrintsErrorsWithMessageAndPosition() throws IOException {
        Path cases = file("cases.jsonl", """
                {"selector":"app == 'web' && has(tier)","labels":{"app":"web","tier":"1"}}

                {"selector":"has( foo ","labels":{}}
                {"selector":"tier != '1'"}
                """);

        Run run = run("selector", "--cases", cases.toString());

        assertThat(run.status()).isZero();
        assertThat(run.lines())
                .containsExactly(
                        "{\"match\":true}",
                        "{\"error\":\"expected ')' after 'has(foo' but found the end of the selector\",\"position\":9}",
                        "{\"match\":true}");
    }

    @Test
    void malformedCaseLineIsBadInputNamingFileAndLineWithNothingPrinted() throws IOException {
        Path cases = file("cases.jsonl", """
                {"selector":"has(a)","labels":{}}
                {"selector":"has(a)","labels":{"a":1}}
                """);

        Run run = run("selector", "--cases", cases.toString());

        assertThat(run.status()).isEqualTo(Cli.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(cases + ":2").contains("\"labels.a\" must be a string, not a number");
    }

    @Test
    void invalidJsonAndMissingSelectorAreBadInput() throws IOException {
        Run notJson =
                run("selector", "--cases", file("a.jsonl", "{\"selector\": \n").toString());
        assertThat(notJson.status()).isEqualTo(Cli.BAD_INPUT);
        assertThat(notJson.err()).contains("a.jsonl:1: not valid JSON");

        Run missing =
                run("selector", "--cases", file("b.jsonl", "{\"labels\":{}}\n").toString());
        assertThat(missing.status()).isEqualTo(Cli.BAD_INPUT);
        assertThat(missing.err()).contains("b.jsonl:1: missing field \"selector\"");

        Run wrongType = run("selector", "--cases", file("c.jsonl", "[1]\n").toString());
        assertThat(wrongType.err()).contains("c.jsonl:1: expected a JSON object");

        Run selectorNotString = run(
                "selector", "--cases", file("d.jsonl", "{\"selector\":true}\n").toString());
        assertThat(selectorNotString.err()).contains("field \"selector\" must be a string, not a boolean");
    }

    @Test
    void missingCasesFileIsBadInput() {
        Run run = run("selector", "--cases", dir.resolve("nope.jsonl").toString());
        assertThat(run.status()).isEqualTo(Cli.BAD_INPUT);
        assertThat(run.err()).contains("nope.jsonl: no such file");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void singleSelectorPrintsItsMatch() {
        Run match = run("selector", "app == 'web' && has(tier)", "--labels", "app=web,tier=1");
        assertThat(match.status()).isZero();
        assertThat(match.out()).isEqualTo("{\"match\":true}\n");

        Run noMatch = run("selector", "app == 'web'", "--labels=app=db");
        assertThat(noMatch.status()).isZero();
        assertThat(noMatch.out()).isEqualTo("{\"match\":false}\n");

        Run noLabels = run("selector", "!has(app)");
        assertThat(noLabels.out()).isEqualTo("{\"match\":true}\n");

        Run emptyValue = run("selector", "tier == ''", "--labels", "tier=");
        assertThat(emptyValue.out()).isEqualTo("{\"match\":true}\n");
    }

    @Test
    void singleSelectorThatDoesNotParseExitsTwoWithTheError() {
        Run run = run("selector", "app == web", "--labels", "app=web");
        assertThat(run.status()).isEqualTo(Cli.BAD_INPUT);
        assertThat(run.out())
                .isEqualTo("{\"error\":\"expected a quoted string after 'app ==' but found label 'web'\","
                        + "\"position\":7}\n");
        assertThat(run.err()).contains("app == web").contains("       ^");
    }

    @Test
    void malformedLabelsAndArgumentsAreBadInput() {
        assertThat(run("selector", "has(a)", "--labels", "a=1,b").err()).contains("expected key=value but found 'b'");
        assertThat(run("selector", "has(a)", "--labels", "a=1,a=2").err()).contains("label 'a' is given twice");
        assertThat(run("selector", "has(a)", "--labels").status()).isEqualTo(Cli.BAD_INPUT);
        assertThat(run("selector").status()).isEqualTo(Cli.BAD_INPUT);
        assertThat(run("selector", "has(a)", "--bogus").err()).contains("unknown option --bogus");
        assertThat(run("selector", "has(a)", "has(b)").err()).contains("more than one selector");
        assertThat(run("selector", "has(a)", "--cases", "x.jsonl").err()).contains("cannot be combined");
    }
}
