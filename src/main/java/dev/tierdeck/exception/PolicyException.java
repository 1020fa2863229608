package dev.tierdeck.exception;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One exception and its life: asked for ({@link ExceptionState#PENDING}), then rejected, or granted ({@link
 * ExceptionState#ACTIVE}) until it expires or is revoked, after which its policy is owed to the cluster's removal
 * until {@code removedAt}. Each transition checks the state it starts from and returns the changed exception; storing
 * it is the caller's business.
 *
 * @param id 0 until stored
 * @param namespace the requesting end's namespace, whose team sees the exception
 * @param flowJson the flow as asked, in the shape {@code POST /api/v1/explain} takes
 * @param requested the scope asked for
 * @param tier the tier that denies the flow
 * @param tierOwners its owner groups at the time of the request
 * @param deniedBy the denying step as the requester may see it
 * @param requestedDuration how long the requester asked for
 * @param granted the scope granted, no wider than {@code requested}; null until granted
 * @param approverGroups the groups the approver's cluster writes impersonate (the removal is made as them too)
 */
record PolicyException(
        long id,
        ExceptionState state,
        String namespace,
        String flowJson,
        ExceptionTarget target,
        ExceptionScope requested,
        String tier,
        List<String> tierOwners,
        String deniedBy,
        String reason,
        Duration requestedDuration,
        Person requester,
        Instant requestedAt,
        @Nullable Person approver,
        List<String> approverGroups,
        @Nullable Instant decidedAt,
        @Nullable String decisionReason,
        @Nullable ExceptionScope granted,
        @Nullable Instant expiresAt,
        @Nullable String policyName,
        @Nullable Instant remindedAt,
        @Nullable Instant removedAt,
        int removalAttempts,
        @Nullable String lastRemovalError) {

    /** Someone named in an exception, as the audit trail identifies them. */
    record Person(String issuer, String subject, String username, String displayName) {}

    PolicyException {
        tierOwners = List.copyOf(tierOwners);
        approverGroups = List.copyOf(approverGroups);
    }

    static PolicyException requested(
            String namespace,
            String flowJson,
            ExceptionTarget target,
            ExceptionScope scope,
            String tier,
            List<String> tierOwners,
            String deniedBy,
            String reason,
            Duration duration,
            Person requester,
            Instant now) {
        return new PolicyException(
                0,
                ExceptionState.PENDING,
                namespace,
                flowJson,
                target,
                scope,
                tier,
                tierOwners,
                deniedBy,
                reason,
                duration,
                requester,
                now,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                null);
    }

    PolicyException granted(
            Person approver,
            List<String> groups,
            ExceptionScope scope,
            Duration duration,
            @Nullable String comment,
            Instant now) {
        require(ExceptionState.PENDING, "granted");
        return new PolicyException(
                id,
                ExceptionState.ACTIVE,
                namespace,
                flowJson,
                target,
                requested,
                tier,
                tierOwners,
                deniedBy,
                reason,
                requestedDuration,
                requester,
                requestedAt,
                approver,
                groups,
                now,
                comment,
                scope,
                now.plus(duration),
                ExceptionPolicy.name(id),
                null,
                null,
                0,
                null);
    }

    PolicyException rejected(Person approver, String comment, Instant now) {
        require(ExceptionState.PENDING, "rejected");
        return new PolicyException(
                id,
                ExceptionState.REJECTED,
                namespace,
                flowJson,
                target,
                requested,
                tier,
                tierOwners,
                deniedBy,
                reason,
                requestedDuration,
                requester,
                requestedAt,
                approver,
                List.of(),
                now,
                comment,
                null,
                null,
                null,
                null,
                null,
                0,
                null);
    }

    /** Expired (its time ran out) or revoked: from now on its policy is owed to the cluster's removal. */
    PolicyException ended(ExceptionState end) {
        require(ExceptionState.ACTIVE, end == ExceptionState.EXPIRED ? "expired" : "revoked");
        return withState(end, removedAt);
    }

    private PolicyException withState(ExceptionState newState, @Nullable Instant removed) {
        return new PolicyException(
                id,
                newState,
                namespace,
                flowJson,
                target,
                requested,
                tier,
                tierOwners,
                deniedBy,
                reason,
                requestedDuration,
                requester,
                requestedAt,
                approver,
                approverGroups,
                decidedAt,
                decisionReason,
                granted,
                expiresAt,
                policyName,
                remindedAt,
                removed,
                removalAttempts,
                lastRemovalError);
    }

    private void require(ExceptionState from, String verb) {
        if (state != from) {
            throw new ExceptionProblem(
                    ExceptionProblem.Kind.CONFLICT,
                    "Exception " + id + " is " + state.name().toLowerCase(java.util.Locale.ROOT) + "; only a "
                            + from.name().toLowerCase(java.util.Locale.ROOT) + " exception can be " + verb + ".",
                    null);
        }
    }

    /** The flow it lets through (or asks to), in words. */
    String flowWords() {
        return target.words(granted == null ? requested : granted);
    }

    /** What is left of it at {@code now}; zero once expired, null when it never ran. */
    @Nullable
    Duration timeLeft(Instant now) {
        if (expiresAt == null) {
            return null;
        }
        if (state != ExceptionState.ACTIVE) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Whether its policy may still be on the cluster. */
    boolean removalOwed() {
        return state.owesRemoval() && removedAt == null;
    }
}
