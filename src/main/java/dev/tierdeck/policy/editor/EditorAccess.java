package dev.tierdeck.policy.editor;

import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.engine.model.Tier;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import dev.tierdeck.tenancy.Tenancy;
import dev.tierdeck.tier.TierGovernance;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The editor's server-side checks, made on every request before anything else: namespace ownership through tenancy,
 * tier governance for the tier written to. Answered afresh each time, so a revoked team or a newly locked tier takes
 * effect on the next request.
 */
@Component
class EditorAccess {

    private final Tenancy tenancy;
    private final TierGovernance governance;
    private final ClusterReader cluster;

    EditorAccess(Tenancy tenancy, TierGovernance governance, ClusterReader cluster) {
        this.tenancy = tenancy;
        this.governance = governance;
        this.cluster = cluster;
    }

    /** Admins write everywhere; developers in their teams' namespaces; viewers nowhere. */
    void requireScope(CurrentUser user, EditorScope scope) {
        if (scope.global()) {
            if (!user.isAdmin()) {
                throw new AccessDeniedException("Only platform and security admins write global policies.");
            }
            return;
        }
        if (user.isAdmin()) {
            return;
        }
        if (!user.hasRole(Role.DEVELOPER) || !tenancy.mayUse(user, scope.namespace())) {
            throw new AccessDeniedException(
                    "You may not write policies in namespace " + scope.namespace() + ": none of your teams owns it.");
        }
    }

    void requireTier(CurrentUser user, String tier) {
        if (!governance.mayWritePolicies(user, tier)) {
            throw new AccessDeniedException(
                    governance.isLocked(tier)
                            ? "The tier " + tier + " is locked; only its owners may change its policies."
                            : "You may not write policies in the tier " + tier + ".");
        }
    }

    /** The tiers the user may write policies in: the cluster's tiers and the developer tiers, in Calico's order. */
    List<String> writableTiers(CurrentUser user) {
        Set<String> names = new LinkedHashSet<>();
        cluster.decoded().state().tiers().stream()
                .sorted(Comparator.comparing((Tier t) -> t.order() == null ? Double.MAX_VALUE : t.order()))
                .forEach(t -> names.add(t.name()));
        names.addAll(governance.developerTiers());
        names.add(Tier.DEFAULT);
        return names.stream().filter(t -> governance.mayWritePolicies(user, t)).toList();
    }

    /** The tier a new policy starts in: the first developer tier the user may write, else the first writable one. */
    String defaultTier(CurrentUser user, List<String> writable) {
        return writable.stream()
                .filter(governance.developerTiers()::contains)
                .findFirst()
                .orElse(writable.isEmpty() ? Tier.DEFAULT : writable.getFirst());
    }

    /** Namespaces whose pods the user may see suggestions from. */
    Set<String> visibleNamespaces(CurrentUser user, PodMatches matches) {
        return user.isAdmin() ? matches.namespaceNames() : tenancy.namespacesOf(user);
    }
}
