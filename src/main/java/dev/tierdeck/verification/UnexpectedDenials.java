package dev.tierdeck.verification;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A promoted policy denies flows its prediction did not name. Published once per promotion, inside the transaction
 * that records the finding.
 *
 * @param policy {@code namespace/name}, or the name of a global policy
 * @param namespace null for a global policy
 * @param approvedBy who approved the version, null when nobody had to
 * @param page the policy page's path, where the roll-back action is
 */
public record UnexpectedDenials(
        String policy,
        @Nullable String namespace,
        String tier,
        int version,
        String promotedBy,
        @Nullable String approvedBy,
        long unexpectedCount,
        List<PromotionCheck.Flow> examples,
        String page,
        Instant at) {

    public UnexpectedDenials {
        examples = List.copyOf(examples);
    }
}
