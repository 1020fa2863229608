package dev.tierdeck.cluster;

import org.jspecify.annotations.Nullable;

/**
 * Published (as a Spring application event) when the reconciler settles a write whose outcome was uncertain.
 *
 * @param promotionId the promotion the write belonged to
 * @param outcome what is now on the cluster; {@link WriteOutcome.Change#UNCHANGED} when the write was already there
 * @param failure why the write could not be completed (then nothing was changed), or null
 */
public record WriteSettled(
        String promotionId, WriteOutcome outcome, @Nullable String failure) {}
