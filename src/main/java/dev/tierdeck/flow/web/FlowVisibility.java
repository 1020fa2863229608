package dev.tierdeck.flow.web;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Tenancy;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Which namespaces' flows a user may see: admins every namespace, everyone else their teams' namespaces. */
@Component
class FlowVisibility {

    private final Tenancy tenancy;

    FlowVisibility(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    /**
     * The namespaces to query: {@code null} (all) for an admin who asked for none, the requested ones when the user
     * may see each, their own when they asked for none.
     *
     * @throws NotVisible when a requested namespace is not the user's
     */
    @Nullable
    Set<String> namespaces(CurrentUser user, @Nullable Collection<String> requested) {
        Set<String> asked = new LinkedHashSet<>();
        if (requested != null) {
            requested.stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(asked::add);
        }
        if (user.isAdmin()) {
            return asked.isEmpty() ? null : asked;
        }
        Set<String> own = tenancy.namespacesOf(user);
        if (asked.isEmpty()) {
            return own;
        }
        for (String ns : asked) {
            if (!own.contains(ns)) {
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
