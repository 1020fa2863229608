package dev.tierdeck.engine.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A Kubernetes label selector ({@code matchLabels} AND {@code matchExpressions}); empty selects everything. */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

    public static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of());

    public LabelSelector {
        matchLabels = java.util.Collections.unmodifiableMap(new TreeMap<>(matchLabels));
        matchExpressions = List.copyOf(matchExpressions);
    }

    public boolean isEmpty() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }

    /** One {@code matchExpressions} entry; operator In, NotIn, Exists or DoesNotExist. */
    public record Requirement(String key, String operator, List<String> values) {
        public Requirement {
            values = List.copyOf(values);
        }
    }
}
