package dev.tierdeck.engine.manifest;

import dev.tierdeck.engine.text.TextInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Typed access to one decoded document with problem reporting: every getter checks the value's type and records
 * an error naming the field path when it does not fit, returning {@code null} (or an empty value) instead.
 */
final class Document {

    /** The longest string any field of a manifest may hold: the bound of selectors (calico-semantics §3.1). */
    static final int MAX_STRING = 1024;

    private final String source;
    private final int index;
    private final String prefix;
    final List<ManifestProblem> errors;
    final List<ManifestProblem> warnings;

    Document(String source, int index, String prefix, List<ManifestProblem> errors, List<ManifestProblem> warnings) {
        this.source = source;
        this.index = index;
        this.prefix = prefix;
        this.errors = errors;
        this.warnings = warnings;
    }

    void error(String path, String message) {
        errors.add(new ManifestProblem(source, index, prefix + path, message));
    }

    void warn(String path, String message) {
        warnings.add(new ManifestProblem(source, index, prefix + path, message));
    }

    static String describe(@Nullable Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "a list";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        return "a number";
    }

    /** The map at {@code key}, empty when absent; an error when it is not an object. */
    Map<String, Object> map(Map<String, Object> m, String key, String path) {
        Object v = m.get(key);
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> map) {
            return cast(map);
        }
        error(path, "must be an object, not " + describe(v));
        return Map.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    /** The list at {@code key}, empty when absent; an error when it is not a list. */
    List<Object> list(Map<String, Object> m, String key, String path) {
        Object v = m.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        error(path, "must be a list, not " + describe(v));
        return List.of();
    }

    /** The list of objects at {@code key}; entries that are not objects are reported and skipped. */
    List<Map<String, Object>> objects(Map<String, Object> m, String key, String path) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Object> l = list(m, key, path);
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i) instanceof Map<?, ?> map) {
                out.add(cast(map));
            } else {
                error(path + "[" + i + "]", "must be an object, not " + describe(l.get(i)));
                out.add(Map.of());
            }
        }
        return out;
    }

    @Nullable
    String string(Map<String, Object> m, String key, String path) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return storable(s, path) ? s : null;
        }
        error(path, "must be a string, not " + describe(v));
        return null;
    }

    /**
     * Every string of a manifest is bounded (selectors have the same bound, §3.1) and free of control characters other
     * than tab and line breaks: nothing in a manifest gives them a meaning, and PostgreSQL cannot store a NUL.
     */
    boolean storable(String s, String path) {
        String problem = TextInput.problem(s, TextInput.Kind.TEXT, MAX_STRING);
        if (problem != null) {
            error(path, problem);
            return false;
        }
        return true;
    }

    List<String> strings(Map<String, Object> m, String key, String path) {
        List<String> out = new ArrayList<>();
        List<Object> l = list(m, key, path);
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i) instanceof String s) {
                if (storable(s, path + "[" + i + "]")) {
                    out.add(s);
                }
            } else {
                error(path + "[" + i + "]", "must be a string, not " + describe(l.get(i)));
            }
        }
        return out;
    }

    @Nullable
    Integer integer(Map<String, Object> m, String key, String path) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            long l = ((Number) v).longValue();
            if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                return (int) l;
            }
        }
        error(path, "must be an integer, not " + (v instanceof Number ? v.toString() : describe(v)));
        return null;
    }

    @Nullable
    Double number(Map<String, Object> m, String key, String path) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        error(path, "must be a number, not " + describe(v));
        return null;
    }

    boolean bool(Map<String, Object> m, String key, String path) {
        Object v = m.get(key);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        error(path, "must be true or false, not " + describe(v));
        return false;
    }

    /** A map of string labels (metadata.labels, matchLabels). */
    Map<String, String> labels(Map<String, Object> m, String key, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(m, key, path).entrySet()) {
            if (!storable(e.getKey(), path)) {
                continue;
            }
            if (e.getValue() instanceof String s) {
                if (storable(s, path + "." + e.getKey())) {
                    out.put(e.getKey(), s);
                }
            } else {
                error(path + "." + e.getKey(), "must be a string, not " + describe(e.getValue()));
            }
        }
        return out;
    }

    /** Warns about fields a newer Calico may have added (calico-semantics: unknown fields never block a dump). */
    void unknownFields(Map<String, Object> m, Set<String> known, String path) {
        for (String k : m.keySet()) {
            if (!known.contains(k)) {
                warn(path.isEmpty() ? k : path + "." + k, "unknown field, ignored");
            }
        }
    }
}
