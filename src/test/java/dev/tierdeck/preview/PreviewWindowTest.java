package dev.tierdeck.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PreviewWindowTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final Duration MAX = Duration.ofDays(14);

    @Test
    void withoutTimesThePresetEndsNow() throws Exception {
        PreviewWindow w = PreviewWindow.of("H1", null, null, NOW, MAX);
        assertThat(w.from()).isEqualTo(Instant.parse("2026-11-26T11:00:00Z"));
        assertThat(w.to()).isEqualTo(NOW);
        assertThat(w.free()).isFalse();
        assertThat(PreviewWindow.of(null, null, null, NOW, MAX).from()).isEqualTo(NOW.minus(Duration.ofHours(24)));
        assertThat(PreviewWindow.of("d7", "", " ", NOW, MAX).from()).isEqualTo(NOW.minus(Duration.ofDays(7)));
    }

    @Test
    void freeTimesAreReadAsUtcOrWithTheirOffset() throws Exception {
        PreviewWindow w = PreviewWindow.of("H1", "2026-11-26T09:30", "2026-11-26T11:00:00+01:00", NOW, MAX);
        assertThat(w.from()).isEqualTo(Instant.parse("2026-11-26T09:30:00Z"));
        assertThat(w.to()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(w.fromInput()).isEqualTo("2026-11-26T09:30");
        // only a start: up to now
        assertThat(PreviewWindow.of(null, "2026-11-26T10:00", null, NOW, MAX).to())
                .isEqualTo(NOW);
    }

    @Test
    void refusesAWindowItCannotUseWithAMessageThatSaysWhy() {
        assertThatThrownBy(() -> PreviewWindow.of("H5", null, null, NOW, MAX))
                .hasMessage("Window: choose H1 (last hour), H24 (last 24 hours) or D7 (last 7 days), not \"H5\".");
        assertThatThrownBy(() -> PreviewWindow.of(null, "noon", null, NOW, MAX))
                .hasMessage("From: expected a time such as 2026-11-26T14:00 (UTC) or 2026-11-26T14:00:00+01:00, got "
                        + "\"noon\".");
        assertThatThrownBy(() -> PreviewWindow.of(null, "2026-11-26T12:00", "2026-11-26T11:00", NOW, MAX))
                .hasMessage("From must be before To: 2026-11-26 12:00 is not before 2026-11-26 11:00 (UTC).");
        assertThatThrownBy(() -> PreviewWindow.of(null, "2026-10-01T00:00", null, NOW, MAX))
                .hasMessage("The window may span at most 14 days; 2026-10-01 00:00 to 2026-11-26 12:00 is longer.");
    }
}
