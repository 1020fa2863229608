package dev.tierdeck.policy.namespace;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import dev.tierdeck.tenancy.Tenancy;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may see and change which namespace, asked afresh on every request: admins and viewers read every namespace,
 * developers only their teams'; admins and the owning developers write.
 */
@Component
public class NamespaceAccess {

    private final Tenancy tenancy;

    NamespaceAccess(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    /** Admins and viewers see the whole cluster. */
    public boolean seesEverything(CurrentUser user) {
        return user.isAdmin() || user.hasRole(Role.VIEWER);
    }

    /** The namespaces listed as the user's: every cluster namespace for admins and viewers, else their teams'. */
    public Set<String> visible(CurrentUser user, Collection<String> clusterNamespaces) {
        if (seesEverything(user)) {
            return new TreeSet<>(clusterNamespaces);
        }
        return user.hasRole(Role.DEVELOPER) ? new TreeSet<>(tenancy.namespacesOf(user)) : Set.of();
    }

    public boolean mayRead(CurrentUser user, String namespace) {
        return seesEverything(user) || (user.hasRole(Role.DEVELOPER) && tenancy.mayUse(user, namespace));
    }

    public boolean mayWrite(CurrentUser user, String namespace) {
        return user.isAdmin() || (user.hasRole(Role.DEVELOPER) && tenancy.mayUse(user, namespace));
    }

    /** @throws AccessDeniedException naming the namespace */
    public void requireRead(CurrentUser user, String namespace) {
        if (!mayRead(user, namespace)) {
            throw new AccessDeniedException("The namespace " + namespace + " does not belong to any of your teams.");
        }
    }

    /** @throws AccessDeniedException naming the namespace */
    public void requireWrite(CurrentUser user, String namespace) {
        if (!mayWrite(user, namespace)) {
            throw new AccessDeniedException(
                    user.isAdmin() || user.hasRole(Role.DEVELOPER)
                            ? "The namespace " + namespace + " does not belong to any of your teams."
                            : "Viewers may read policies but not change them.");
        }
    }

    /** Global policies are written by admins only; developers do not read them either. */
    public void requireGlobalRead(CurrentUser user) {
        if (!seesEverything(user)) {
            throw new AccessDeniedException("Only admins and viewers may read global policies.");
        }
    }

    public void requireGlobalWrite(CurrentUser user) {
        if (!user.isAdmin()) {
            throw new AccessDeniedException("Only platform and security admins may write global policies.");
        }
    }
}
