package dev.tierdeck.flow.web;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import dev.tierdeck.tenancy.Tenancy;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Which namespaces' flows a user may see, as {@link Permissions} reads namespaces: admins and viewers every
 * namespace, developers their teams' namespaces.
 */
@Component
class FlowVisibility {

    private final Permissions permissions;
    private final Tenancy tenancy;

    FlowVisibility(Permissions permissions, Tenancy tenancy) {
        this.permissions = permissions;
        this.tenancy = tenancy;
    }

    /**
     * The namespaces to query: {@code null} (all) for someone who reads every namespace and asked for none, the
     * requested ones when the user may read each, their own when they asked for none.
     *
     * @throws NotVisible when a requested namespace is not readable by the user
     */
    @Nullable
    Set<String> namespaces(CurrentUser user, @Nullable Collection<String> requested) {
        Set<String> asked = new LinkedHashSet<>();
        if (requested != null) {
            requested.stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(asked::add);
        }
        if (asked.isEmpty()) {
            return permissions.readsEveryNamespace(user)
                    ? null
                    : permissions.readableNamespaces(user, tenancy.namespacesOf(user));
        }
        for (String ns : asked) {
            if (!permissions.allows(user, Action.READ, Resource.namespace(ns))) {
                throw new NotVisible(ns);
            }
        }
        return asked;
    }

    static final class NotVisible extends RuntimeException {
        NotVisible(String namespace) {
            super("you may not see the flows of namespace " + namespace);
        }
    }
}
