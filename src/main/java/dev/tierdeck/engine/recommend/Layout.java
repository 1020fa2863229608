package dev.tierdeck.engine.recommend;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How the suggestion is cut into policies. */
public enum Layout {
    /** One policy per workload, selecting its pods by their stable labels. */
    WORKLOAD,
    /** One policy for the whole namespace; each rule names the local workload it is for. */
    NAMESPACE;

    public static @Nullable Layout parse(String text) {
        for (Layout l : values()) {
            if (l.name().equalsIgnoreCase(text.strip())) {
                return l;
            }
        }
        return null;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
