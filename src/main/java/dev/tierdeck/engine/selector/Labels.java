package dev.tierdeck.engine.selector;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A set of labels as a selector sees it: a key either has a value (possibly empty) or is absent. */
public interface Labels {

    /** No labels at all. */
    Labels EMPTY = new MapLabels(Map.of());

    /** The value of {@code key}, or {@code null} when the label is absent. */
    @Nullable
    String get(String key);

    /** An immutable copy of {@code labels} (keys and values must not be null). */
    static Labels of(Map<String, String> labels) {
        return labels.isEmpty() ? EMPTY : new MapLabels(Map.copyOf(labels));
    }
}
