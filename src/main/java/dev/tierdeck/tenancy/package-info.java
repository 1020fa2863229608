/**
 * Teams and namespace ownership, stored in PostgreSQL and read on every request, so that a change reaches every
 * user on their next request.
 *
 * <p>API for other modules: {@link dev.tierdeck.tenancy.Tenancy} (which namespaces a user works in, who approves
 * what), {@link dev.tierdeck.tenancy.Teams} (the teams themselves, validated writes, who reaches a namespace), the
 * records {@link dev.tierdeck.tenancy.Team}, {@link dev.tierdeck.tenancy.NamespaceAccess},
 * {@link dev.tierdeck.tenancy.TeamField}, {@link dev.tierdeck.tenancy.TeamRejectedException}, the pattern rules in
 * {@link dev.tierdeck.tenancy.NamespacePattern}, and one extension point another module implements:
 * {@link dev.tierdeck.tenancy.ClusterNamespaces} (the cluster's namespace names for glob expansion). The team
 * screens and the team API belong to the admin console ({@code tier}), which also records the audit entries.
 */
@NullMarked
package dev.tierdeck.tenancy;

import org.jspecify.annotations.NullMarked;
