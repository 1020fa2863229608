package dev.tierdeck.cluster;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes to the cluster as the signed-in user: every request (dry runs included) carries {@code Impersonate-User} and
 * {@code Impersonate-Group} built from the given {@link ActingUser} only, and the field manager {@code tierdeck}.
 * Replaces and deletes are guarded by a resourceVersion (optimistic concurrency): a mismatch raises
 * {@link ClusterConflictException} with the diff. Failures raise the {@link ClusterException} subtypes.
 */
public interface ClusterWriter {

    /**
     * Sends each object with {@code dryRun=All}: create when absent, replace when present (guarded by the object's
     * {@code metadata.resourceVersion} if set). Never persists anything. Problems are reported per item.
     */
    DryRunResult dryRun(ActingUser user, List<Map<String, Object>> objects);

    /**
     * Creates a staged policy ({@code expectedResourceVersion} null: it must not exist yet) or replaces it (the
     * object on the cluster must still have that resourceVersion). Only the three staged kinds are accepted.
     */
    WriteOutcome putStaged(ActingUser user, Map<String, Object> staged, @Nullable String expectedResourceVersion);

    /**
     * Creates a Calico {@code Tier} ({@code expectedResourceVersion} null: it must not exist yet) or replaces it (the
     * tier on the cluster must still have that resourceVersion). Only Tier objects are accepted.
     */
    WriteOutcome putTier(ActingUser user, Map<String, Object> tier, @Nullable String expectedResourceVersion);

    /** Deletes the object if it still has {@code expectedResourceVersion}. */
    WriteOutcome delete(ActingUser user, ObjectRef ref, String expectedResourceVersion);

    /**
     * Promotes a staged policy as Calico's own conversion does (calico-semantics.md §4.2), then deletes the staged
     * object. {@code previewedStaged} is the staged object as previewed (its resourceVersion guards the promotion);
     * {@code enforcedResourceVersion} guards the enforced object being replaced or deleted (null: replace whatever
     * is there now, or create it). {@code promotionId} is recorded on the enforced object and in
     * {@link WriteSettled} events.
     */
    PromotionResult promote(
            ActingUser user,
            String promotionId,
            Map<String, Object> previewedStaged,
            @Nullable String enforcedResourceVersion);

    /** Applies a namespace's complete desired set idempotently; re-applying the same set changes nothing. */
    DesiredSetResult apply(ActingUser user, DesiredSet desired);
}
