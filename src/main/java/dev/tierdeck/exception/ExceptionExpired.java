package dev.tierdeck.exception;

import java.time.Instant;

/**
 * Published when the cluster confirmed that an expired or revoked exception's policy is gone.
 *
 * @param state {@code EXPIRED} or {@code REVOKED}
 * @param flow the flow it let through, in words
 */
public record ExceptionExpired(
        long id,
        String namespace,
        String tier,
        String requester,
        String approver,
        String flow,
        String state,
        Instant removedAt) {}
