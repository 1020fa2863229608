package dev.tierdeck.promotion;

import dev.tierdeck.tenancy.Teams;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Who approves a request, in words for the requester (read afresh every time; the decision is Permissions'). */
@Component
class Approvers {

    private final Teams teams;

    Approvers(Teams teams) {
        this.teams = teams;
    }

    /**
     * Who decides a request for a policy of {@code namespace}, in words: admins always, and the approver groups of
     * the teams that own the namespace (global policies: admins only).
     */
    String of(@Nullable String namespace) {
        List<String> groups = namespace == null
                ? List.of()
                : teams.all().stream()
                        .filter(team -> team.owns(namespace))
                        .flatMap(team -> team.approverGroups().stream())
                        .distinct()
                        .sorted()
                        .toList();
        return groups.isEmpty()
                ? "a platform or security admin"
                : "a platform or security admin, or a member of " + String.join(", ", groups);
    }
}
