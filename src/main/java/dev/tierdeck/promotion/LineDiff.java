package dev.tierdeck.promotion;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A line diff of two texts (longest common subsequence), as rows for a side-by-side table. Policies are a few
 * hundred lines at most, so the quadratic table is cheap.
 */
record LineDiff(List<Row> rows) {

    enum Kind {
        SAME,
        ADDED,
        REMOVED;

        String cssClass() {
            return "diff-" + name().toLowerCase(java.util.Locale.ROOT);
        }

        String marker() {
            return switch (this) {
                case SAME -> " ";
                case ADDED -> "+";
                case REMOVED -> "-";
            };
        }
    }

    /**
     * @param before line number on the left (from 1), null for an added line
     * @param after line number on the right (from 1), null for a removed line
     */
    record Row(
            Kind kind, @Nullable Integer before, @Nullable Integer after, String text) {
        public String cssClass() {
            return kind.cssClass();
        }

        public String marker() {
            return kind.marker();
        }
    }

    LineDiff {
        rows = List.copyOf(rows);
    }

    static LineDiff of(@Nullable String before, @Nullable String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j))
                        ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Row> rows = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                rows.add(new Row(Kind.SAME, i + 1, j + 1, a.get(i)));
                i++;
                j++;
            } else if (j < b.size() && (i == a.size() || common[i][j + 1] > common[i + 1][j])) {
                // on a tie the removal comes first, as diff tools print a replaced line
                rows.add(new Row(Kind.ADDED, null, j + 1, b.get(j)));
                j++;
            } else {
                rows.add(new Row(Kind.REMOVED, i + 1, null, a.get(i)));
                i++;
            }
        }
        return new LineDiff(rows);
    }

    public boolean unchanged() {
        return rows.stream().allMatch(r -> r.kind() == Kind.SAME);
    }

    public long added() {
        return rows.stream().filter(r -> r.kind() == Kind.ADDED).count();
    }

    public long removed() {
        return rows.stream().filter(r -> r.kind() == Kind.REMOVED).count();
    }

    private static List<String> lines(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        return List.of(text.split("\n", -1)).stream()
                .limit(text.endsWith("\n") ? text.split("\n", -1).length - 1 : Long.MAX_VALUE)
                .toList();
    }
}
