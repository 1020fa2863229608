package dev.tierdeck.cluster;

import org.jspecify.annotations.Nullable;

/**
 * The API server refused the request (401 or 403). {@link #missingPermission()} names what the user lacks, as far as
 * the API server's message tells (e.g. {@code create networkpolicies.projectcalico.org in namespace payments}).
 */
public final class ClusterAccessDeniedException extends ClusterException {

    private final int status;
    private final @Nullable String missingPermission;

    public ClusterAccessDeniedException(int status, String message, @Nullable String missingPermission) {
        super(message);
        this.status = status;
        this.missingPermission = missingPermission;
    }

    public int status() {
        return status;
    }

    public @Nullable String missingPermission() {
        return missingPermission;
    }
}
