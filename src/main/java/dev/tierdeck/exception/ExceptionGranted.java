package dev.tierdeck.exception;

import java.time.Instant;

/**
 * Published once an exception's policy is in its tier.
 *
 * @param requester who asked (username)
 * @param approver who granted it (username)
 * @param flow the flow it lets through, in words
 */
public record ExceptionGranted(
        long id, String namespace, String tier, String requester, String approver, String flow, Instant expiresAt) {}
