package dev.tierdeck.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.system.LineDiff.Kind;
import dev.tierdeck.system.LineDiff.Row;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineDiffTest {

    /** Each case: before and after as lines joined by '|', and the expected rows as marker+text joined by '|'. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = ';',
            value = {
                "a|b|c; a|b|c; ' a| b| c'",
                "a|b|c; a|x|c; ' a|-b|+x| c'",
                "; a|b; '+a|+b'",
                "a|b; ; '-a|-b'",
                "a|b|c|d; a|c|d|e; ' a|-b| c| d|+e'",
                "ports:|- 8080; ports:|- 9090|- 8080; ' ports:|+- 9090| - 8080'"
            })
    void marksAddedAndRemovedLinesAroundTheLongestCommonPart(String before, String after, String expected) {
        LineDiff diff = LineDiff.of(text(before), text(after));

        assertThat(diff.rows()).extracting(r -> r.marker() + r.text()).containsExactly(expected.split("\\|"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {"a|b|c; a|x|c"})
    void numbersTheLinesOnEachSide(String before, String after) {
        List<LineDiff.Row> rows = LineDiff.of(text(before), text(after)).rows();

        assertThat(rows)
                .extracting(LineDiff.Row::before, LineDiff.Row::after)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, 1),
                        org.assertj.core.groups.Tuple.tuple(2, null),
                        org.assertj.core.groups.Tuple.tuple(null, 2),
                        org.assertj.core.groups.Tuple.tuple(3, 3));
        assertThat(rows)
                .extracting(LineDiff.Row::cssClass)
                .containsExactly("diff-same", "diff-removed", "diff-added", "diff-same");
    }

    @Test
    void keepsCommonLinesAndMarksWhatChanged() {
        assertThat(LineDiff.of("a\nb\nc\n", "a\nx\nc\nd\n").rows())
                .extracting(Row::kind, Row::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.SAME, "a"),
                        org.assertj.core.groups.Tuple.tuple(Kind.REMOVED, "b"),
                        org.assertj.core.groups.Tuple.tuple(Kind.ADDED, "x"),
                        org.assertj.core.groups.Tuple.tuple(Kind.SAME, "c"),
                        org.assertj.core.groups.Tuple.tuple(Kind.ADDED, "d"));
    }

    @Test
    void aCreatedObjectIsAllAddedAndADeletedOneAllRemoved() {
        assertThat(LineDiff.of(null, "a\nb").rows())
                .extracting(Row::kind)
                .containsOnly(Kind.ADDED)
                .hasSize(2);
        assertThat(LineDiff.of("a\nb", null).rows())
                .extracting(Row::kind)
                .containsOnly(Kind.REMOVED)
                .hasSize(2);
        assertThat(LineDiff.of(null, null).isEmpty()).isTrue();
    }

    @Test
    void largeDocumentsAreStillAlignedLineByLine() {
        LineDiff diff = LineDiff.of("x\n".repeat(2_001), "x\n".repeat(2_000));

        assertThat(diff.removed()).isEqualTo(1);
        assertThat(diff.added()).isZero();
        assertThat(diff.rows()).hasSize(2_001);
    }

    @Test
    void documentsBeyondTheBoundAreListedRemovedThenAdded() {
        String before = "x\n".repeat(4_001);
        String after = "y\n".repeat(4_000);

        LineDiff diff = LineDiff.of(before, after);

        assertThat(diff.rows()).hasSize(8_001);
        assertThat(diff.rows().getFirst().kind()).isEqualTo(Kind.REMOVED);
        assertThat(diff.rows().getLast().kind()).isEqualTo(Kind.ADDED);
        assertThat(diff.rows().getLast().after()).isEqualTo(4_000);
    }

    @Test
    void theRowsGiveBackBothTextsNumberedInOrder() {
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < 500; n++) {
            List<String> a = randomLines(random);
            List<String> b = randomLines(random);

            List<Row> rows =
                    LineDiff.of(String.join("\n", a), String.join("\n", b)).rows();

            assertThat(rows.stream().filter(r -> r.kind() != Kind.ADDED).map(Row::text))
                    .containsExactlyElementsOf(a);
            assertThat(rows.stream().filter(r -> r.kind() != Kind.REMOVED).map(Row::text))
                    .containsExactlyElementsOf(b);
            assertThat(rows.stream().map(Row::before).filter(java.util.Objects::nonNull))
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, a.size())
                            .boxed()
                            .toList());
            assertThat(rows.stream().map(Row::after).filter(java.util.Objects::nonNull))
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, b.size())
                            .boxed()
                            .toList());
            // within one change, what goes comes before what comes
            for (int k = 1; k < rows.size(); k++) {
                assertThat(rows.get(k - 1).kind() == Kind.ADDED && rows.get(k).kind() == Kind.REMOVED)
                        .isFalse();
            }
        }
    }

    private static List<String> randomLines(java.util.Random random) {
        int size = 1 + random.nextInt(12);
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < size; i++) {
            lines.add(String.valueOf((char) ('a' + random.nextInt(4))));
        }
        return lines;
    }

    private static String text(String lines) {
        return lines == null ? null : String.join("\n", lines.split("\\|")) + "\n";
    }
}
