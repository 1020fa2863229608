/**
 * Teams and namespace ownership, stored in PostgreSQL and read on every request, so that a change reaches every
 * user on their next request; and the one permission model of the portal.
 *
 * <p>API for other modules: {@link dev.tierdeck.tenancy.Permissions} (may this user do this {@link
 * dev.tierdeck.tenancy.Action} on this {@link dev.tierdeck.tenancy.Resource}; what they may learn about the policies
 * deciding a flow, {@link dev.tierdeck.tenancy.PolicyDisclosure}), {@link dev.tierdeck.tenancy.Tenancy} (which teams
 * and namespaces a user belongs to), {@link dev.tierdeck.tenancy.Teams} (the teams themselves, validated writes, who
 * reaches a namespace), the records {@link dev.tierdeck.tenancy.Team}, {@link dev.tierdeck.tenancy.NamespaceAccess},
 * {@link dev.tierdeck.tenancy.TeamField}, {@link dev.tierdeck.tenancy.TeamRejectedException}, the pattern rules in
 * {@link dev.tierdeck.tenancy.NamespacePattern}, and two extension points another module implements:
 * {@link dev.tierdeck.tenancy.ClusterNamespaces} (the cluster's namespace names for glob expansion) and
 * {@link dev.tierdeck.tenancy.TierFacts} (how each tier is governed). The team screens and the team API belong to the
 * admin console ({@code tier}), which also records the audit entries.
 *
 * <p>Why the permission model lives here: deciding who may do what needs the user (from {@code identity}), the teams
 * (here) and the tiers' governance (kept by {@code tier}, which depends on this module, as {@code policy} depends on
 * {@code tier}). Placing it in {@code tier} would leave the flow browser and the home page, which do not depend on
 * the admin console, without it; placing it here and reading tier governance through {@code TierFacts}, which
 * {@code tier} implements, keeps the modules free of cycles and gives every module one type to ask.
 */
@NullMarked
package dev.tierdeck.tenancy;

import org.jspecify.annotations.NullMarked;
