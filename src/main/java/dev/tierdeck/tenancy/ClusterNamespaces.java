package dev.tierdeck.tenancy;

import java.util.Set;

/**
 * The namespaces the cluster has right now, against which team patterns are expanded. Implemented outside this
 * module (by the admin console, which reads the cluster), because the cluster gateway's module already depends on
 * modules that depend on tenancy. Without an implementation patterns expand to their exact names only.
 */
@FunctionalInterface
public interface ClusterNamespaces {

    /** The namespace names, from the cluster cache (no API request per call). */
    Set<String> names();
}
