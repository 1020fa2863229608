package dev.tierdeck.policy.editor;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Where each field of a YAML document starts, so that a problem reported for {@code spec.ingress[1].source.nets[0]}
 * can name its line. Only the first document is read; text that does not parse gives no lines.
 */
final class YamlLines {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final Map<String, Integer> lines;

    private YamlLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    static YamlLines of(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    if (p.streamReadContext().inRoot()) {
                        break;
                    }
                    continue;
                }
                String path = path(p.streamReadContext().pathAsPointer().toString());
                lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
            }
        } catch (JacksonException e) {
            // The reader reports the syntax error with its own position; the lines found so far still help.
        }
        return new YamlLines(lines);
    }

    boolean has(String path) {
        return lines.containsKey(path);
    }

    /** Whether nothing was read (no text, or text that does not parse from its first token). */
    boolean isEmpty() {
        return lines.isEmpty();
    }

    /** The line of the field, or of the nearest enclosing field that has one; 0 when none. */
    int lineOf(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return 0;
    }

    /** {@code /spec/ingress/0/action} → {@code spec.ingress[0].action}. */
    static String path(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String segment : pointer.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String s = segment.replace("~1", "/").replace("~0", "~");
            if (s.chars().allMatch(Character::isDigit)) {
                out.append('[').append(s).append(']');
            } else {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(s);
            }
        }
        return out.toString();
    }
}
