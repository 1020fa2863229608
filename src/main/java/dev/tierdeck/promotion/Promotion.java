package dev.tierdeck.promotion;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The result of a promotion, as shown and as repeated to a request with the same key.
 *
 * @param policy {@code namespace/name}, or the name of a global policy
 * @param version the version now in force
 * @param clusterRevision the enforced object's resourceVersion, null while the cluster has not confirmed the write
 * @param settled false when the cluster's answer was lost (timeout, 5xx) and the reconciler completes the write
 */
record Promotion(
        String policy,
        String promotionId,
        int version,
        @Nullable String clusterRevision,
        Instant promotedAt,
        String promotedBy,
        long newlyDenied,
        long newlyAllowed,
        boolean settled) {

    static Promotion fromJson(String json) {
        return ApprovalStore.JSON.readValue(json, Promotion.class);
    }

    String json() {
        return ApprovalStore.JSON.writeValueAsString(this);
    }
}
