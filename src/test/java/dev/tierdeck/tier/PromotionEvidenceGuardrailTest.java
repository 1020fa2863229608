package dev.tierdeck.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromotionEvidenceGuardrailTest {

    static final GuardrailRules.PromotionEvidence DAY_NONE =
            new GuardrailRules.PromotionEvidence(true, Severity.REQUIRE_APPROVAL, 24 * 60, 0);

    @Test
    void isSilentWhenOff() {
        var off = new GuardrailRules.PromotionEvidence(false, Severity.BLOCK, 60, 0);
        assertThat(PromotionEvidenceGuardrail.check(off, Duration.ZERO, 9, List.of("a")))
                .isEmpty();
    }

    @Test
    void holdsAfterTheMinimumTimeWithNoMoreDenialsThanAllowed() {
        assertThat(PromotionEvidenceGuardrail.check(DAY_NONE, Duration.ofHours(25), 0, List.of()))
                .isEmpty();
        var oneAllowed = new GuardrailRules.PromotionEvidence(true, Severity.BLOCK, 0, 1);
        assertThat(PromotionEvidenceGuardrail.check(oneAllowed, Duration.ZERO, 1, List.of("a → b TCP 80")))
                .isEmpty();
    }

    @Test
    void namesEachShortfallWithItsExamples() {
        Violation v = PromotionEvidenceGuardrail.check(
                        DAY_NONE,
                        Duration.ofMinutes(150),
                        4,
                        List.of("a → b TCP 80", "c → b TCP 80", "d → b TCP 80", "e"))
                .orElseThrow();
        assertThat(v.guardrail()).isEqualTo("promotion-evidence");
        assertThat(v.blocks()).isFalse();
        assertThat(v.message())
                .contains("staged for 2 hours 30 minutes of the 1 day required")
                .contains(
                        "deny 4 observed flows allowed today (at most 0): a → b TCP 80; c → b TCP 80; d → b TCP 80; …");
    }

    @Test
    void blocksWhenSoConfigured() {
        var block = new GuardrailRules.PromotionEvidence(true, Severity.BLOCK, 30, 0);
        assertThat(PromotionEvidenceGuardrail.check(block, Duration.ofMinutes(29), 0, List.of()))
                .get()
                .extracting(Violation::blocks)
                .isEqualTo(true);
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(PromotionEvidenceGuardrail.words(Duration.ofMinutes(1))).isEqualTo("1 minute");
        assertThat(PromotionEvidenceGuardrail.words(Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(PromotionEvidenceGuardrail.words(Duration.ofHours(3))).isEqualTo("3 hours");
        assertThat(PromotionEvidenceGuardrail.words(Duration.ofDays(2))).isEqualTo("2 days");
    }
}
