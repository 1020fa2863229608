package dev.tierdeck.cluster;

/**
 * A cluster request the portal could not complete. Each subtype says what the user can do about it; messages are
 * meant to be shown (they never contain tokens or stack traces).
 */
public abstract sealed class ClusterException extends RuntimeException
        permits ClusterAccessDeniedException,
                ClusterNotFoundException,
                ClusterConflictException,
                ClusterInvalidException,
                ClusterUnavailableException {

    ClusterException(String message) {
        super(message, null, false, false);
    }
}
