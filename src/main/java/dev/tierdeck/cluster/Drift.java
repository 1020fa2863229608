package dev.tierdeck.cluster;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An object changed on the cluster outside Tierdeck.
 *
 * @param id stable identifier (kind, namespace, name) used to restore it
 * @param ref the object
 * @param reason what kind of drift
 * @param tier the Calico tier of the object, when it has one
 * @param diff expected (what Tierdeck applied or last saw) versus actual
 * @param detectedAt when the reconciler first saw this drift
 */
public record Drift(
        String id, ObjectRef ref, Reason reason, @Nullable String tier, ObjectDiff diff, Instant detectedAt) {

    public enum Reason {
        /** An object Tierdeck owns no longer matches what Tierdeck applied (its content hash). */
        MODIFIED_OUT_OF_BAND,
        /** An object in a locked tier changed since the reconciler first saw it. */
        LOCKED_TIER_CHANGED,
        /** An object appeared in a locked tier without Tierdeck. */
        CREATED_IN_LOCKED_TIER,
        /** An object Tierdeck owns, or one in a locked tier, was deleted without Tierdeck. */
        DELETED_OUT_OF_BAND
    }
}
