package dev.tierdeck.promotion;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Teams;
import org.springframework.stereotype.Component;

/** Who approves anything at all: admins, and members of some team's approver groups (read afresh every time). */
@Component
class Approvers {

    private final Teams teams;

    Approvers(Teams teams) {
        this.teams = teams;
    }

    boolean isApprover(CurrentUser user) {
        return user.isAdmin() || teams.all().stream().anyMatch(team -> team.hasApproverAmong(user.groups()));
    }
}
