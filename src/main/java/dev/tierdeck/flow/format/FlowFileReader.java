package dev.tierdeck.flow.format;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Splits a flow file into its flows, each with the line it starts on. Accepted layouts: a JSON array of flows,
 * a Whisker page {@code {"items":[...]}}, or one flow per line (JSON lines, blank lines ignored).
 */
final class FlowFileReader {

    // JSON lines are a sequence of top-level values
    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** One flow object of the file and the line it starts on. */
    record Element(int line, JsonNode node) {}

    private FlowFileReader() {}

    static List<Element> read(byte[] content) {
        try {
            List<Element> roots = roots(content);
            if (roots.isEmpty()) {
                throw unreadable(1, "the file holds no flows");
            }
            JsonNode first = roots.getFirst().node();
            if (roots.size() == 1 && first.isArray()) {
                return arrayElements(content, false);
            }
            if (roots.size() == 1 && first.isObject() && first.has("items")) {
                if (!first.get("items").isArray()) {
                    throw unreadable(roots.getFirst().line(), "items: expected an array of flows");
                }
                return arrayElements(content, true);
            }
            for (Element e : roots) {
                if (!e.node().isObject()) {
                    throw unreadable(e.line(), "expected a flow object, got " + kind(e.node()));
                }
            }
            return roots;
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            throw unreadable(at == null ? 1 : Math.max(1, at.getLineNr()), "malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** Every top-level JSON value of the file (one for an array or a page, one per line for JSON lines). */
    private static List<Element> roots(byte[] content) {
        List<Element> out = new ArrayList<>();
        try (JsonParser p = MAPPER.createParser(content)) {
            while (p.nextToken() != null) {
                int line = p.currentTokenLocation().getLineNr();
                out.add(new Element(line, MAPPER.readTree(p)));
            }
        }
        return out;
    }

    /** The elements of the top-level array, or of the {@code items} array of a page, with their lines. */
    private static List<Element> arrayElements(byte[] content, boolean page) {
        List<Element> out = new ArrayList<>();
        try (JsonParser p = MAPPER.createParser(content)) {
            p.nextToken();
            if (page) {
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if ("items".equals(name)) {
                        readArray(p, out);
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                readArray(p, out);
            }
        }
        return out;
    }

    private static void readArray(JsonParser p, List<Element> out) {
        while (p.nextToken() != JsonToken.END_ARRAY) {
            int line = p.currentTokenLocation().getLineNr();
            JsonNode node = MAPPER.readTree(p);
            if (!node.isObject()) {
                throw unreadable(line, "expected a flow object, got " + kind(node));
            }
            out.add(new Element(line, node));
        }
    }

    static String kind(JsonNode n) {
        if (n.isTextual()) {
            return "\"" + n.asString() + "\"";
        }
        if (n.isArray()) {
            return "an array";
        }
        if (n.isObject()) {
            return "an object";
        }
        return n.toString();
    }

    private static FlowImportException unreadable(int line, String message) {
        return new FlowImportException(List.of(new ImportProblem(line, null, message)), true);
    }
}
