package dev.tierdeck.policy;

import java.time.Instant;

/**
 * A managed policy whose stored copy no longer decodes (the table was edited by hand, or written by a version with a
 * bug). It is listed so that someone notices, and it can be deleted; nothing else can be done with it.
 *
 * @param kind {@code NetworkPolicy} or {@code GlobalNetworkPolicy}
 * @param problem why the stored copy does not decode
 */
public record DamagedPolicy(
        PolicyRef ref,
        String kind,
        String tier,
        PolicyState state,
        long revision,
        String updatedBy,
        Instant updatedAt,
        String problem) {}
