package dev.tierdeck.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

    private static String text(String lines) {
        return lines == null ? null : String.join("\n", lines.split("\\|")) + "\n";
    }
}
