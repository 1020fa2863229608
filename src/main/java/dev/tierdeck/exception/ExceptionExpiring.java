package dev.tierdeck.exception;

import java.time.Instant;

/**
 * Published once per exception, the configured reminder time before it expires, for its requester and approver.
 *
 * @param flow the flow it lets through, in words
 */
public record ExceptionExpiring(
        long id, String namespace, String tier, String requester, String approver, String flow, Instant expiresAt) {}
