package dev.tierdeck.assertion;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Published when an assertion is found violated: by the cluster as it is (once per assertion until it holds again)
 * or by an observed flow (once per assertion and connection while the portal runs). Listeners run after the finding,
 * never inside a request's transaction.
 *
 * @param name the assertion's name
 * @param namespace the assertion's scope; null for a global assertion
 * @param source what contradicted it
 * @param where the connection that contradicts it and, for the cluster, the deciding tier, policy and rule, in words
 *     (policy names included: the event is for the portal's own notifications, not for one reader)
 */
public record AssertionViolated(
        long assertionId, String name, @Nullable String namespace, Source source, String where, Instant at) {

    public enum Source {
        /** The enforced policies of the cluster as it is. */
        CLUSTER,
        /** A flow the cluster was observed to allow (or deny) against the assertion. */
        OBSERVED_FLOW
    }
}
