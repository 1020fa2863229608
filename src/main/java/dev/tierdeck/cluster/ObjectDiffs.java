package dev.tierdeck.cluster;

import dev.tierdeck.cluster.ObjectDiff.FieldChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Field-level comparison of two manifests. */
final class ObjectDiffs {

    private ObjectDiffs() {}

    /** Every difference between {@code expected} and {@code actual}, both ways. */
    static ObjectDiff full(Map<String, Object> expected, Map<String, Object> actual) {
        List<FieldChange> changes = new ArrayList<>();
        compare("", expected, actual, false, changes);
        return new ObjectDiff(changes);
    }

    /**
     * Differences in the fields {@code expected} sets. Fields only {@code actual} has are ignored: the API server
     * adds defaults (e.g. {@code types}, port protocols) that were never out-of-band changes. Lists are compared
     * element by element and must have the same length.
     */
    static ObjectDiff expectedFields(Map<String, Object> expected, Map<String, Object> actual) {
        List<FieldChange> changes = new ArrayList<>();
        compare("", expected, actual, true, changes);
        return new ObjectDiff(changes);
    }

    private static void compare(
            String path, @Nullable Object expected, @Nullable Object actual, boolean subset, List<FieldChange> out) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            TreeSet<String> keys = new TreeSet<>();
            e.keySet().forEach(k -> keys.add(String.valueOf(k)));
            if (!subset) {
                a.keySet().forEach(k -> keys.add(String.valueOf(k)));
            }
            for (String key : keys) {
                compare(path.isEmpty() ? key : path + "." + key, e.get(key), a.get(key), subset, out);
            }
        } else if (expected instanceof List<?> e && actual instanceof List<?> a && e.size() == a.size()) {
            for (int i = 0; i < e.size(); i++) {
                compare(path + "[" + i + "]", e.get(i), a.get(i), subset, out);
            }
        } else if (!sameValue(expected, actual) && !(subset && expected == null)) {
            out.add(new FieldChange(path, expected, actual));
        }
    }

    /** JSON numbers may come back as another Java type (1 vs 1.0): compare them by value. */
    private static boolean sameValue(@Nullable Object a, @Nullable Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        return Objects.equals(a, b);
    }
}
