package dev.tierdeck.policy.editor;

import dev.tierdeck.engine.manifest.YamlText;
import java.util.Map;

/**
 * Where each field of a YAML document starts, so that a problem reported for {@code spec.ingress[1].source.nets[0]}
 * can name its line. Only the first document is read; text that does not parse gives no lines.
 */
final class YamlLines {

    private final Map<String, Integer> lines;

    private YamlLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    static YamlLines of(String text) {
        // read as the decoder reads it; text that stops parsing keeps the lines found before
        return new YamlLines(YamlText.read(text).lines());
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
}
