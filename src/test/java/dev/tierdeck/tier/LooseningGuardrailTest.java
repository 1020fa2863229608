package dev.tierdeck.tier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.tier.LooseningGuardrail.Change;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loosening guardrail: what it measures, when it speaks, and what it says. */
class LooseningGuardrailTest {

    private static final GuardrailRules.Loosening DEFAULT = GuardrailRules.Loosening.DEFAULT;
    private static final List<String> SHELL = List.of("sandbox/debug-shell-* → checkout/cart-* TCP 8080");

    @Test
    void withdrawingAnApprovedPolicyThatLetsDeniedTrafficInAsksForAnApprover() {
        assertThat(LooseningGuardrail.check(DEFAULT, Change.WITHDRAWAL, true, 14, SHELL))
                .hasValueSatisfying(v -> {
                    assertThat(v.guardrail()).isEqualTo("loosening");
                    assertThat(v.severity()).isEqualTo(Severity.REQUIRE_APPROVAL);
                    assertThat(v.message())
                            .isEqualTo("Withdrawing the policy newly allows 14 observed connections of the last 24"
                                    + " hours that are denied today: sandbox/debug-shell-* → checkout/cart-* TCP"
                                    + " 8080. An approver accepted the policy in force.");
                });
        assertThat(LooseningGuardrail.check(DEFAULT, Change.ROLLBACK, true, 1, List.of()))
                .hasValueSatisfying(v -> assertThat(v.message())
                        .startsWith("Rolling the policy back newly allows 1 observed connection of the last 24 hours"
                                + " that is denied today."));
    }

    @Test
    void byDefaultItLeavesAloneWhatNoApproverAcceptedAndEditsAndWhatLoosensNothing() {
        assertThat(LooseningGuardrail.check(DEFAULT, Change.WITHDRAWAL, false, 14, SHELL))
                .isEmpty();
        assertThat(LooseningGuardrail.check(DEFAULT, Change.OTHER, true, 14, SHELL))
                .isEmpty();
        assertThat(LooseningGuardrail.check(DEFAULT, Change.WITHDRAWAL, true, 0, List.of()))
                .isEmpty();
        assertThat(LooseningGuardrail.applies(DEFAULT, Change.WITHDRAWAL, false))
                .isFalse();
        assertThat(LooseningGuardrail.applies(DEFAULT, Change.ROLLBACK, true)).isTrue();
    }

    @Test
    void everyChangeMakesItMeasureEditsAndAdoptionsOfAnyPolicyAndItCanBeSwitchedOffOrBlock() {
        GuardrailRules.Loosening every = new GuardrailRules.Loosening(true, Severity.BLOCK, true);
        assertThat(LooseningGuardrail.check(every, Change.OTHER, false, 2, SHELL))
                .hasValueSatisfying(v -> {
                    assertThat(v.blocks()).isTrue();
                    assertThat(v.message()).startsWith("Putting this draft in force newly allows 2");
                    assertThat(v.message()).doesNotContain("An approver accepted");
                });
        GuardrailRules.Loosening off = new GuardrailRules.Loosening(false, Severity.BLOCK, true);
        assertThat(LooseningGuardrail.check(off, Change.WITHDRAWAL, true, 2, SHELL))
                .isEmpty();
        assertThat(LooseningGuardrail.applies(off, Change.WITHDRAWAL, true)).isFalse();
    }

    @Test
    void itNamesAFewFlowsOnly() {
        List<String> many = List.of("a → b TCP 1", "c → d TCP 2", "e → f TCP 3", "g → h TCP 4");
        assertThat(LooseningGuardrail.check(DEFAULT, Change.WITHDRAWAL, true, 40, many))
                .hasValueSatisfying(v -> assertThat(v.message())
                        .contains("a → b TCP 1; c → d TCP 2; e → f TCP 3; …")
                        .doesNotContain("g → h"));
    }
}
