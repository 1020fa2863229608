package dev.tierdeck.tier;

import org.jspecify.annotations.Nullable;

/**
 * The tier form as the browser posts it. Checkboxes are absent when unchecked; owners are one text, one group per
 * line (commas work too). {@code comment} says why, for the audit trail.
 */
record TierForm(
        @Nullable String name,
        @Nullable String order,
        @Nullable String defaultAction,
        @Nullable Boolean locked,
        @Nullable String owners,
        @Nullable Boolean developerTier,
        @Nullable String purpose,
        @Nullable Boolean confidential,
        @Nullable String comment) {

    TierInput toInput() {
        return new TierInput(
                name,
                order,
                defaultAction,
                Boolean.TRUE.equals(locked),
                TierInput.splitOwners(owners == null ? "" : owners),
                Boolean.TRUE.equals(developerTier),
                purpose,
                Boolean.TRUE.equals(confidential));
    }
}
