package dev.tierdeck.engine.selector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the table-driven selector cases kept under {@code src/test/resources/engine/selector/} (or, for an absolute
 * name, anywhere on the test class path, such as the public examples under {@code /conformance/examples/}).
 */
final class CaseFiles {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private CaseFiles() {}

    static List<JsonNode> read(String name) {
        String path = name.startsWith("/") ? name : "/engine/selector/" + name;
        try (InputStream in = CaseFiles.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            List<JsonNode> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Labels labels(JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (node != null) {
            node.properties().forEach(e -> labels.put(e.getKey(), e.getValue().stringValue()));
        }
        return Labels.of(labels);
    }

    /** Shortens very long selectors (the 512-character labels) in test names. */
    static String name(String selector) {
        String shown = selector.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        return shown.length() > 60 ? shown.substring(0, 57) + "..." : shown;
    }
}
