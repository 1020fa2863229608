package dev.tierdeck.verification;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A promotion's prediction beside what the cluster did after it.
 *
 * @param predictedCount observed flows the preview said it would newly deny
 * @param seenDenied distinct flows the promoted policy denied since the promotion (up to {@code checkedAt})
 * @param unexpectedCount of those, the flows the prediction did not name
 * @param unexpected some of them, most connections first
 * @param finished true once the watch is over
 */
public record PromotionCheck(
        int version,
        String promotionId,
        Instant promotedAt,
        String promotedBy,
        @Nullable String approvedBy,
        Instant watchUntil,
        long predictedCount,
        long seenDenied,
        long unexpectedCount,
        List<Flow> unexpected,
        @Nullable Instant checkedAt,
        boolean finished) {

    public PromotionCheck {
        unexpected = List.copyOf(unexpected);
    }

    /** {@code watching}, {@code as-predicted} or {@code unexpected-denials}. */
    public String outcome() {
        return unexpectedCount > 0 ? "unexpected-denials" : finished ? "as-predicted" : "watching";
    }

    /** Predicted against seen, in words for the versions table. */
    public String words() {
        return "predicted " + predictedCount + " denied, seen " + seenDenied
                + (unexpectedCount > 0 ? ", " + unexpectedCount + " unexpected" : "")
                + (finished ? "" : " (watching)");
    }

    /** One flow: who to whom on which port, and how many connections were denied. */
    public record Flow(String source, String destination, String protocol, int port, long connections) {

        public String words() {
            return source + " → " + destination + " " + protocol + (port == 0 ? "" : " " + port);
        }
    }
}
