package dev.tierdeck.system;

import com.github.difflib.DiffUtils;
import com.github.difflib.algorithm.myers.MeyersDiffWithLinearSpace;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A line diff of two texts (a policy's YAML before and after, an audit record's before and after), as rows for a
 * side-by-side table or a unified listing. The diff is java-diff-utils' Myers diff in linear space: a replaced line reads as its
 * removal followed by the addition, as diff tools print it.
 *
 * @param rows every line of both texts once, in reading order
 */
public record LineDiff(List<Row> rows) {

    /**
     * Beyond this many line pairs the diff lists everything removed, then everything added: the linear-space Myers
     * diff takes up to (lines before + lines after) x (lines that differ) steps, so two long, entirely different texts
     * would cost seconds for a listing nobody reads line by line.
     */
    static final long MAX_CELLS = 16_000_000;

    public enum Kind {
        SAME(" "),
        ADDED("+"),
        REMOVED("-");

        private final String marker;

        Kind(String marker) {
            this.marker = marker;
        }

        public String marker() {
            return marker;
        }

        public String cssClass() {
            return "diff-" + name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param before line number on the left (from 1), null for an added line
     * @param after line number on the right (from 1), null for a removed line
     */
    public record Row(
            Kind kind, @Nullable Integer before, @Nullable Integer after, String text) {

        public String cssClass() {
            return kind.cssClass();
        }

        public String marker() {
            return kind.marker();
        }
    }

    public LineDiff {
        rows = List.copyOf(rows);
    }

    /** The diff from {@code before} to {@code after}; a null or empty text has no lines. */
    public static LineDiff of(@Nullable String before, @Nullable String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Row> rows = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        if ((long) a.size() * b.size() <= MAX_CELLS) {
            List<AbstractDelta<String>> deltas =
                    new ArrayList<>(DiffUtils.diff(a, b, new MeyersDiffWithLinearSpace<String>())
                            .getDeltas());
            deltas.sort(Comparator.comparingInt(
                            (AbstractDelta<String> d) -> d.getSource().getPosition())
                    .thenComparingInt(d -> d.getTarget().getPosition()));
            // touching deltas form one change: its removed lines are listed before its added ones
            List<Row> added = new ArrayList<>();
            for (AbstractDelta<String> delta : deltas) {
                if (delta.getSource().getPosition() > i) {
                    rows.addAll(added);
                    added.clear();
                }
                while (i < delta.getSource().getPosition()) {
                    rows.add(new Row(Kind.SAME, i + 1, j + 1, a.get(i)));
                    i++;
                    j++;
                }
                for (String line : delta.getSource().getLines()) {
                    rows.add(new Row(Kind.REMOVED, ++i, null, line));
                }
                for (String line : delta.getTarget().getLines()) {
                    added.add(new Row(Kind.ADDED, null, ++j, line));
                }
            }
            rows.addAll(added);
            while (i < a.size() && j < b.size()) {
                rows.add(new Row(Kind.SAME, i + 1, j + 1, a.get(i)));
                i++;
                j++;
            }
        }
        while (i < a.size()) {
            rows.add(new Row(Kind.REMOVED, i + 1, null, a.get(i++)));
        }
        while (j < b.size()) {
            rows.add(new Row(Kind.ADDED, null, j + 1, b.get(j++)));
        }
        return new LineDiff(rows);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
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
        return text == null || text.isEmpty() ? List.of() : text.lines().toList();
    }
}
