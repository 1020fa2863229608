package dev.tierdeck.engine.assertion;

import dev.tierdeck.engine.eval.EndpointSet;
import dev.tierdeck.engine.eval.Verdict;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads assertions from YAML (or JSON): a list of {@code {name, source, destination, protocol, ports, expect}}.
 * {@code source} and {@code destination} take the fields of a Calico rule peer ({@code selector},
 * {@code notSelector}, {@code namespaceSelector}, {@code serviceAccounts}, {@code nets}, {@code notNets}; see
 * {@link EndpointSet}); {@code protocol} is TCP (the default), UDP or SCTP, or a list of them; {@code ports} lists
 * numbers, {@code "start:end"} ranges and port names (every port when left out); {@code expect} is {@code allow}
 * or {@code deny}. Unknown fields are errors: a misspelt field would otherwise change what is asserted. Every
 * problem is collected with its line, assertion and field; nothing here throws on bad input.
 */
public final class AssertionReader {

    /** Bounds on what one file may hold. */
    public static final int MAX_ASSERTIONS = 10_000;

    public static final int MAX_CHARACTERS = 4 * 1024 * 1024;

    /** Reads list entries one at a time off one parser, so that each keeps the line it starts on. */
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Set<String> FIELDS = Set.of("name", "source", "destination", "protocol", "ports", "expect");

    /** The assertions read and the problems found (any problem means the file must be rejected). */
    public record Result(List<Assertion> assertions, List<AssertionProblem> problems) {
        public Result {
            assertions = List.copyOf(assertions);
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private AssertionReader() {}

    public static Result read(String source, String text) {
        List<AssertionProblem> problems = new ArrayList<>();
        List<Assertion> assertions = new ArrayList<>();
        if (text.length() > MAX_CHARACTERS) {
            problems.add(new AssertionProblem(
                    source, 0, 0, null, "", "longer than " + MAX_CHARACTERS + " characters; split the file"));
            return new Result(assertions, problems);
        }
        Map<String, Integer> names = new HashMap<>();
        int index = 0;
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_ARRAY) {
                int line = first == null ? 0 : p.currentTokenLocation().getLineNr();
                problems.add(new AssertionProblem(
                        source,
                        line,
                        0,
                        null,
                        "",
                        "expected a list of assertions, found " + (first == null ? "nothing" : describe(first))));
                return new Result(assertions, problems);
            }
            for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken()) {
                index++;
                int line = p.currentTokenLocation().getLineNr();
                JsonNode node = YAML.readTree(p);
                if (index > MAX_ASSERTIONS) {
                    problems.add(new AssertionProblem(
                            source, line, index, null, "", "more than " + MAX_ASSERTIONS + " assertions in one file"));
                    break;
                }
                Item item = new Item(source, line, index, problems);
                Assertion a = item.read(node);
                String name = item.fields.name();
                Integer earlier = name == null ? null : names.putIfAbsent(name, index);
                if (earlier != null) {
                    item.fields.error("name", "is already the name of assertion " + earlier);
                } else if (a != null) {
                    assertions.add(a);
                }
            }
            if (problems.isEmpty() && p.nextToken() != null) {
                problems.add(new AssertionProblem(
                        source,
                        p.currentTokenLocation().getLineNr(),
                        0,
                        null,
                        "",
                        "only one YAML document is read: put every assertion in the one list"));
            }
        } catch (JacksonException e) {
            TokenStreamLocation l = e.getLocation();
            String where =
                    l == null || l.getLineNr() < 1 ? "" : " at line " + l.getLineNr() + ", column " + l.getColumnNr();
            problems.add(new AssertionProblem(
                    source, 0, 0, null, "", "malformed YAML" + where + ": " + e.getOriginalMessage()));
        }
        return new Result(assertions, problems);
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object (write the assertions as a list: '- name: ...')";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }

    /** One list entry: its fields checked, problems recorded with the entry's line, index and name. */
    private static final class Item {
        private final Fields fields;

        Item(String source, int line, int index, List<AssertionProblem> problems) {
            this.fields = new Fields(source, line, index, problems);
        }

        @Nullable
        Assertion read(@Nullable JsonNode node) {
            if (node == null || !node.isObject()) {
                fields.error("", "an assertion must be an object, not " + Fields.typeOf(node));
                return null;
            }
            String name = fields.name(node.get("name"));
            for (String field : node.propertyNames()) {
                if (!FIELDS.contains(field)) {
                    fields.error(
                            field,
                            "unknown field; an assertion has name, source, destination, protocol, ports and expect");
                }
            }
            EndpointSet source = fields.endpoints(node.get("source"), "source");
            EndpointSet destination = fields.endpoints(node.get("destination"), "destination");
            List<Protocol> protocols = fields.protocols(node.get("protocol"));
            List<Port> ports = fields.ports(node.get("ports"));
            Verdict expect = fields.expect(node.get("expect"));
            if (fields.failed()
                    || name == null
                    || source == null
                    || destination == null
                    || protocols == null
                    || ports == null
                    || expect == null) {
                return null;
            }
            return new Assertion(name, source, destination, protocols, ports, expect);
        }
    }
}
