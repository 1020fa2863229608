package dev.tierdeck.cluster;

import java.util.List;
import java.util.Objects;

/**
 * The signed-in user a cluster write or dry run is made as (Kubernetes impersonation). Callers build it from the
 * server-side session only; nothing a browser sent may end up here. The gateway impersonates only the groups that
 * are in {@code tierdeck.cluster.impersonable-groups}.
 */
public record ActingUser(String username, List<String> groups) {

    public ActingUser {
        Objects.requireNonNull(username, "username");
        if (username.isBlank()) {
            throw new IllegalArgumentException("an acting user needs a username");
        }
        groups = List.copyOf(groups);
    }
}
