package dev.tierdeck.engine.model;

import java.util.List;
import java.util.Map;

/**
 * {@code http} criteria of a rule. Kept for round trips and display; the L3/L4 evaluator ignores them
 * (calico-semantics §2.6, §7.18).
 *
 * @param paths each path is a one-entry map {@code exact: /x} or {@code prefix: /x}
 */
public record HttpMatch(List<String> methods, List<Map<String, String>> paths) {
    public HttpMatch {
        methods = List.copyOf(methods);
        paths = List.copyOf(paths);
    }
}
