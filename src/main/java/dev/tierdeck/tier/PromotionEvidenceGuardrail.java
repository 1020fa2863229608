package dev.tierdeck.tier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code promotion-evidence} guardrail: whether the live evidence of a staged policy lets it be promoted without
 * an approver. Pure, like {@link LooseningGuardrail}: the caller measures how long the policy has been staged and how
 * many observed flows allowed today its pending verdicts deny; this decides whether the guardrail speaks.
 */
public final class PromotionEvidenceGuardrail {

    public static final String ID = "promotion-evidence";

    /** The most flows a finding names; the policy page lists more. */
    static final int EXAMPLES = 3;

    private PromotionEvidenceGuardrail() {}

    /**
     * What the criteria still lack, in words (empty when they hold). An unmeasured staging time counts as none.
     *
     * @param stagedFor how long the staged content has been in the cluster
     * @param newDenials observed flows allowed today that the pending verdicts deny
     */
    public static List<String> shortfalls(
            GuardrailRules.PromotionEvidence rule, Duration stagedFor, long newDenials, List<String> examples) {
        List<String> out = new ArrayList<>();
        Duration wanted = Duration.ofMinutes(rule.minStagedMinutes());
        if (stagedFor.compareTo(wanted) < 0) {
            out.add("staged for " + words(stagedFor) + " of the " + words(wanted) + " required");
        }
        if (newDenials > rule.maxNewDenials()) {
            List<String> named = examples.stream().limit(EXAMPLES).toList();
            out.add("its pending verdicts deny " + newDenials + " observed flow" + (newDenials == 1 ? "" : "s")
                    + " allowed today (at most " + rule.maxNewDenials() + ")"
                    + (named.isEmpty()
                            ? ""
                            : ": " + String.join("; ", named) + (examples.size() > EXAMPLES ? "; …" : "")));
        }
        return out;
    }

    /** The violation, empty when the guardrail is off or the evidence meets its criteria. */
    public static Optional<Violation> check(
            GuardrailRules.PromotionEvidence rule, Duration stagedFor, long newDenials, List<String> examples) {
        if (!rule.enabled()) {
            return Optional.empty();
        }
        List<String> missing = shortfalls(rule, stagedFor, newDenials, examples);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Violation(
                ID,
                "spec",
                rule.severity(),
                "The live evidence does not yet support promoting it without an approver: " + String.join("; ", missing)
                        + ".",
                rule.severity() == Severity.BLOCK
                        ? "Leave it staged until the criteria hold, or change what it denies and stage it again."
                        : "An approver reviews the evidence; or leave it staged until the criteria hold."));
    }

    /** A duration in whole days, hours or minutes, as people say it. */
    public static String words(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes >= 24 * 60 && minutes % (24 * 60) == 0) {
            return plural(minutes / (24 * 60), "day");
        }
        if (minutes >= 60 && minutes % 60 == 0) {
            return plural(minutes / 60, "hour");
        }
        if (minutes >= 120) {
            return plural(minutes / 60, "hour") + " " + plural(minutes % 60, "minute");
        }
        return plural(minutes, "minute");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
