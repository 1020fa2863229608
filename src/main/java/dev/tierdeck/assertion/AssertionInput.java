package dev.tierdeck.assertion;

import dev.tierdeck.engine.assertion.Assertion;
import dev.tierdeck.engine.assertion.AssertionProblem;
import dev.tierdeck.engine.assertion.AssertionReader;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads assertions given to the portal with the engine's own reader, so that an assertion means here exactly what it
 * means to {@code tierdeck assert}, and every problem names its field (and, in a YAML file, its line). What is stored
 * is the definition as YAML: one entry of an assertions file.
 */
final class AssertionInput {

    /** One assertion read: its definition to store and what the engine made of it. */
    record Read(String definition, Assertion assertion) {}

    /** Fields of the API's body that are about where the assertion is kept, not what it says. */
    static final List<String> ENVELOPE = List.of("id", "namespace", "scope", "revision", "updatedBy", "updatedAt");

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private AssertionInput() {}

    /** One assertion from a JSON object (the API's body without its envelope, or a form). */
    static Read one(JsonNode body, int maxDefinition) {
        if (!body.isObject()) {
            throw InvalidAssertionException.of("", "an assertion must be a JSON object");
        }
        ObjectNode entry = ((ObjectNode) body).deepCopy();
        ENVELOPE.forEach(entry::remove);
        String definition = YAML.writeValueAsString(entry);
        if (definition.length() > maxDefinition) {
            throw InvalidAssertionException.of(
                    "", "longer than " + maxDefinition + " characters as YAML; state a narrower assertion");
        }
        ArrayNode list = JsonNodeFactory.instance.arrayNode().add(entry);
        AssertionReader.Result r = AssertionReader.read("assertion", YAML.writeValueAsString(list));
        if (!r.ok()) {
            throw new InvalidAssertionException(
                    r.problems().stream().map(AssertionInput::fieldError).toList());
        }
        return new Read(definition, r.assertions().getFirst());
    }

    /** Every assertion of an assertions file, in file order; problems name the line, the assertion and the field. */
    static List<Read> file(String text, int maxDefinition) {
        AssertionReader.Result r = AssertionReader.read("assertions", text);
        if (!r.ok()) {
            throw new InvalidAssertionException(r.problems().stream()
                    .map(p -> new InvalidAssertionException.FieldError(
                            p.index() > 0
                                    ? "[" + (p.index() - 1) + "]" + (p.field().isEmpty() ? "" : "." + p.field())
                                    : p.field(),
                            p.name() == null ? p.message() : p.name() + ": " + p.message(),
                            p.line()))
                    .toList());
        }
        JsonNode nodes;
        try {
            nodes = YAML.readTree(text);
        } catch (JacksonException e) {
            // the reader accepted it; this cannot differ, but never answer with a 500 for it
            throw InvalidAssertionException.of("", "malformed YAML: " + e.getOriginalMessage());
        }
        List<Read> out = new ArrayList<>();
        for (int i = 0; i < r.assertions().size(); i++) {
            String definition = YAML.writeValueAsString(nodes.get(i));
            if (definition.length() > maxDefinition) {
                throw InvalidAssertionException.of(
                        "[" + i + "]",
                        "longer than " + maxDefinition + " characters as YAML; state a narrower assertion");
            }
            out.add(new Read(definition, r.assertions().get(i)));
        }
        return out;
    }

    /** A stored definition read again (it was valid when stored; the reader decides what it means today). */
    static @Nullable Assertion stored(String definition) {
        try {
            JsonNode entry = YAML.readTree(definition);
            ArrayNode list = JsonNodeFactory.instance.arrayNode().add(entry);
            AssertionReader.Result r = AssertionReader.read("assertion", YAML.writeValueAsString(list));
            return r.ok() ? r.assertions().getFirst() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static InvalidAssertionException.FieldError fieldError(AssertionProblem p) {
        return new InvalidAssertionException.FieldError(p.field(), p.message(), 0);
    }
}
