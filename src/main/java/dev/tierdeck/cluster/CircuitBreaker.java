package dev.tierdeck.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops hammering an API server that is down: after {@code failureThreshold} consecutive failures the breaker opens
 * and request-path calls fail fast for {@code openFor}; then one trial call decides whether it closes again.
 */
final class CircuitBreaker {

    enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final int failureThreshold;
    private final Duration openFor;
    private final Clock clock;
    private int consecutiveFailures;
    private State state = State.CLOSED;
    private Instant openedAt = Instant.EPOCH;

    CircuitBreaker(int failureThreshold, Duration openFor, Clock clock) {
        this.failureThreshold = Math.max(1, failureThreshold);
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Whether a call may go out now; moves an expired open breaker to half-open (one trial). */
    synchronized boolean tryAcquire() {
        if (state == State.OPEN) {
            if (clock.instant().isBefore(openedAt.plus(openFor))) {
                return false;
            }
            state = State.HALF_OPEN;
            return true;
        }
        return state == State.CLOSED;
    }

    synchronized void onSuccess() {
        consecutiveFailures = 0;
        state = State.CLOSED;
    }

    synchronized void onFailure() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
            state = State.OPEN;
            openedAt = clock.instant();
        }
    }

    synchronized State state() {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openFor))) {
            return State.HALF_OPEN;
        }
        return state;
    }
}
