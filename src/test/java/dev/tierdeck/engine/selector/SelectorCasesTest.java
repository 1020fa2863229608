package dev.tierdeck.engine.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** The selector cases kept as data: the public examples, our own match cases, golden errors, canonical forms. */
class SelectorCasesTest {

    static final String PUBLIC_CASES = "/conformance/examples/selectors/cases.jsonl";
    static final String PUBLIC_EXPECTED = "/conformance/examples/selectors/expected.jsonl";

    static Stream<Arguments> publicExamples() {
        List<JsonNode> cases = CaseFiles.read(PUBLIC_CASES);
        List<JsonNode> expected = CaseFiles.read(PUBLIC_EXPECTED);
        assertThat(cases).hasSameSizeAs(expected).hasSize(48);
        List<Arguments> arguments = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = cases.get(i);
            arguments.add(Arguments.of(
                    CaseFiles.name(c.get("selector").stringValue()),
                    c.get("selector").stringValue(),
                    CaseFiles.labels(c.get("labels")),
                    expected.get(i)));
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("publicExamples")
    void publicExampleGivesTheExpectedResult(String name, String selector, Labels labels, JsonNode expected) {
        ParseResult result = Selectors.parse(selector);
        if (expected.has("error")) {
            assertThat(result).isInstanceOf(ParseResult.Error.class);
        } else {
            assertThat(matches(selector, result, labels))
                    .isEqualTo(expected.get("match").booleanValue());
        }
    }

    static Stream<Arguments> matchCases() {
        return CaseFiles.read("match-cases.jsonl").stream()
                .map(c -> Arguments.of(
                        CaseFiles.name(c.get("selector").stringValue()),
                        c.get("selector").stringValue(),
                        CaseFiles.labels(c.get("labels")),
                        c.get("match").booleanValue()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("matchCases")
    void selectorMatchesExactlyAsTheSemanticsSay(String name, String selector, Labels labels, boolean expected) {
        assertThat(matches(selector, Selectors.parse(selector), labels)).isEqualTo(expected);
    }

    static Stream<Arguments> errorCases() {
        return CaseFiles.read("error-cases.jsonl").stream()
                .map(c -> Arguments.of(
                        CaseFiles.name(c.get("selector").stringValue()),
                        c.get("selector").stringValue(),
                        c.get("error").stringValue(),
                        c.get("position").intValue()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("errorCases")
    void badSelectorGivesItsGoldenMessageAndPosition(String name, String selector, String message, int position) {
        assertThat(Selectors.parse(selector)).isEqualTo(new ParseResult.Error(message, position));
    }

    static Stream<Arguments> canonicalCases() {
        return CaseFiles.read("canonical-cases.jsonl").stream()
                .map(c -> Arguments.of(
                        c.get("selector").stringValue(), c.get("canonical").stringValue()));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("canonicalCases")
    void selectorPrintsItsCanonicalForm(String selector, String canonical) {
        Selector parsed = Selectors.parseOrThrow(selector);
        assertThat(parsed.toString()).isEqualTo(canonical);
        assertThat(Selectors.parseOrThrow(canonical)).isEqualTo(parsed);
    }

    static Stream<String> everyParseableSelector() {
        return Stream.of(PUBLIC_CASES, "match-cases.jsonl", "canonical-cases.jsonl")
                .flatMap(file -> CaseFiles.read(file).stream())
                .map(c -> c.get("selector").stringValue())
                .filter(s -> Selectors.parse(s) instanceof ParseResult.Ok);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("everyParseableSelector")
    void canonicalFormParsesBackToTheSameTreeAndIsAFixedPoint(String selector) {
        Selector parsed = Selectors.parseOrThrow(selector);
        String canonical = parsed.toString();
        Selector reparsed = Selectors.parseOrThrow(canonical);
        assertThat(reparsed).isEqualTo(parsed);
        assertThat(reparsed.toString()).isEqualTo(canonical);
    }

    @Test
    void caseFilesCoverEveryKindOfNodeAndBothOutcomes() {
        List<JsonNode> matches = CaseFiles.read("match-cases.jsonl");
        assertThat(matches).anyMatch(c -> c.get("match").booleanValue());
        assertThat(matches).anyMatch(c -> !c.get("match").booleanValue());
        List<Class<?>> kinds = new ArrayList<>();
        matches.forEach(
                c -> collectKinds(Selectors.parseOrThrow(c.get("selector").stringValue()), kinds));
        assertThat(kinds)
                .contains(
                        Selector.All.class,
                        Selector.Global.class,
                        Selector.Has.class,
                        Selector.Equals.class,
                        Selector.NotEquals.class,
                        Selector.In.class,
                        Selector.NotIn.class,
                        Selector.Contains.class,
                        Selector.StartsWith.class,
                        Selector.EndsWith.class,
                        Selector.Not.class,
                        Selector.And.class,
                        Selector.Or.class);
    }

    private static void collectKinds(Selector selector, List<Class<?>> kinds) {
        kinds.add(selector.getClass());
        switch (selector) {
            case Selector.Not not -> collectKinds(not.operand(), kinds);
            case Selector.And and -> and.operands().forEach(o -> collectKinds(o, kinds));
            case Selector.Or or -> or.operands().forEach(o -> collectKinds(o, kinds));
            default -> {}
        }
    }

    private static boolean matches(String selector, ParseResult result, Labels labels) {
        if (result instanceof ParseResult.Ok ok) {
            return ok.selector().matches(labels);
        }
        return fail("'" + selector + "' does not parse: " + result);
    }
}
