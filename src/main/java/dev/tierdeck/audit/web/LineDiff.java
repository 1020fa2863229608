package dev.tierdeck.audit.web;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A line-by-line diff of two YAML documents (longest common subsequence), for the before/after view of an
 * audit record. Rendered as text by the template, never as markup.
 */
final class LineDiff {

    /** Beyond this many line pairs the table would be too large: the diff shows everything removed, then added. */
    static final long MAX_CELLS = 4_000_000;

    enum Kind {
        SAME(" "),
        REMOVED("-"),
        ADDED("+");

        private final String marker;

        Kind(String marker) {
            this.marker = marker;
        }

        public String marker() {
            return marker;
        }

        public String cssClass() {
            return "diff-" + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    record Line(Kind kind, String text) {}

    private LineDiff() {}

    static List<Line> between(@Nullable String before, @Nullable String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        if ((long) a.size() * b.size() > MAX_CELLS) {
            List<Line> result = new ArrayList<>();
            a.forEach(line -> result.add(new Line(Kind.REMOVED, line)));
            b.forEach(line -> result.add(new Line(Kind.ADDED, line)));
            return result;
        }
        // common[i][j]: length of the longest common subsequence of a[i..] and b[j..]
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j))
                        ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Line> result = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            if (a.get(i).equals(b.get(j))) {
                result.add(new Line(Kind.SAME, a.get(i)));
                i++;
                j++;
            } else if (common[i + 1][j] >= common[i][j + 1]) {
                result.add(new Line(Kind.REMOVED, a.get(i++)));
            } else {
                result.add(new Line(Kind.ADDED, b.get(j++)));
            }
        }
        while (i < a.size()) {
            result.add(new Line(Kind.REMOVED, a.get(i++)));
        }
        while (j < b.size()) {
            result.add(new Line(Kind.ADDED, b.get(j++)));
        }
        return result;
    }

    private static List<String> lines(@Nullable String text) {
        return text == null || text.isEmpty() ? List.of() : text.lines().toList();
    }
}
