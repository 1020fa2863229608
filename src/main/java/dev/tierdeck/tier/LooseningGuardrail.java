package dev.tierdeck.tier;

import java.util.List;
import java.util.Optional;

/**
 * The {@code loosening} guardrail: a change whose preview newly allows observed traffic that is denied today. Pure,
 * like {@link GuardrailCheck}: the caller measures the change over the flow history and says what kind of change it
 * is and whether an approver accepted the policy in force; this decides whether the guardrail speaks.
 */
public final class LooseningGuardrail {

    public static final String ID = "loosening";

    /** The most flows a finding names; the approver sees all of them with the impact. */
    static final int EXAMPLES = 3;

    private LooseningGuardrail() {}

    /** What the change does, as far as this guardrail cares. */
    public enum Change {
        /** Taking the enforced policy out of the cluster. */
        WITHDRAWAL("Withdrawing the policy", true),
        /** Putting an earlier version back in force. */
        ROLLBACK("Rolling the policy back", true),
        /** An edit, or the adoption of a policy written outside Tierdeck. */
        OTHER("Putting this draft in force", false);

        private final String doing;
        private final boolean byDefault;

        Change(String doing, boolean byDefault) {
            this.doing = doing;
            this.byDefault = byDefault;
        }
    }

    /**
     * @param ofApprovedPolicy whether an approver accepted the version in force
     * @param newlyAllowed observed connections the change would allow that are denied today
     * @param examples some of those flows in words, most frequent first
     * @return the violation, empty when the guardrail is off, does not apply to this change, or nothing loosens
     */
    public static Optional<Violation> check(
            GuardrailRules.Loosening rule,
            Change change,
            boolean ofApprovedPolicy,
            long newlyAllowed,
            List<String> examples) {
        if (!rule.enabled() || newlyAllowed <= 0 || !applies(rule, change, ofApprovedPolicy)) {
            return Optional.empty();
        }
        List<String> named = examples.stream().limit(EXAMPLES).toList();
        String which =
                named.isEmpty() ? "" : ": " + String.join("; ", named) + (examples.size() > EXAMPLES ? "; …" : "");
        return Optional.of(new Violation(
                ID,
                "spec",
                rule.severity(),
                change.doing + " newly allows " + newlyAllowed + " observed connection" + (newlyAllowed == 1 ? "" : "s")
                        + " of the last 24 hours that " + (newlyAllowed == 1 ? "is" : "are") + " denied today" + which
                        + "." + (ofApprovedPolicy ? " An approver accepted the policy in force." : ""),
                "An approver reviews what it newly allows before it is carried out; or keep the policy and change"
                        + " only what must change."));
    }

    /** Whether the guardrail measures this change at all, before any preview is computed. */
    public static boolean applies(GuardrailRules.Loosening rule, Change change, boolean ofApprovedPolicy) {
        return rule.enabled() && (rule.everyChange() || (change.byDefault && ofApprovedPolicy));
    }
}
