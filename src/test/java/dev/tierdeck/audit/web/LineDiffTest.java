package dev.tierdeck.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.audit.web.LineDiff.Kind;
import dev.tierdeck.audit.web.LineDiff.Line;
import org.junit.jupiter.api.Test;

class LineDiffTest {

    @Test
    void keepsCommonLinesAndMarksWhatChanged() {
        assertThat(LineDiff.between("a\nb\nc\n", "a\nx\nc\nd\n"))
                .containsExactly(
                        new Line(Kind.SAME, "a"),
                        new Line(Kind.REMOVED, "b"),
                        new Line(Kind.ADDED, "x"),
                        new Line(Kind.SAME, "c"),
                        new Line(Kind.ADDED, "d"));
    }

    @Test
    void aCreatedObjectIsAllAddedAndADeletedOneAllRemoved() {
        assertThat(LineDiff.between(null, "a\nb"))
                .extracting(Line::kind)
                .containsOnly(Kind.ADDED)
                .hasSize(2);
        assertThat(LineDiff.between("a\nb", null))
                .extracting(Line::kind)
                .containsOnly(Kind.REMOVED)
                .hasSize(2);
        assertThat(LineDiff.between(null, null)).isEmpty();
    }

    @Test
    void hugeDocumentsFallBackToRemovedThenAdded() {
        String before = "x\n".repeat(2_001);
        String after = "x\n".repeat(2_000);

        var diff = LineDiff.between(before, after);

        assertThat(diff).hasSize(4_001);
        assertThat(diff.getFirst().kind()).isEqualTo(Kind.REMOVED);
        assertThat(diff.getLast().kind()).isEqualTo(Kind.ADDED);
    }
}
