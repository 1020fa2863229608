package dev.tierdeck.engine.selector;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The plain map-backed label set behind {@link Labels#of}. */
record MapLabels(Map<String, String> labels) implements Labels {

    @Override
    public @Nullable String get(String key) {
        return labels.get(key);
    }

    @Override
    public String toString() {
        return labels.toString();
    }
}
