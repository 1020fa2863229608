package dev.tierdeck.tier;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.NamespaceAccess;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import dev.tierdeck.tenancy.TeamRejectedException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Who reaches a namespace: the teams and groups that own it, its approvers, and the roles that reach everything. */
@Controller
@RequestMapping("/admin/teams/access")
class TeamAccessPage {

    private final TeamAdministration teams;
    private final Permissions permissions;

    TeamAccessPage(TeamAdministration teams, Permissions permissions) {
        this.teams = teams;
        this.permissions = permissions;
    }

    @GetMapping
    String show(
            CurrentUser user,
            @RequestParam(required = false) @Nullable String namespace,
            Model model,
            HttpServletResponse response) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        String asked = namespace == null ? "" : namespace.trim();
        model.addAttribute("namespace", asked);
        NamespaceAccess access = null;
        String error = null;
        if (!asked.isEmpty()) {
            try {
                access = teams.access(user, asked);
            } catch (TeamRejectedException e) {
                error = e.fields().get(0).message();
                response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            }
        }
        model.addAttribute("access", access);
        model.addAttribute("error", error);
        return "tier/team-access";
    }

    @HxRequest
    @GetMapping
    String showContent(
            CurrentUser user,
            @RequestParam(required = false) @Nullable String namespace,
            Model model,
            HttpServletResponse response) {
        show(user, namespace, model, response);
        // htmx swaps only successful answers; the message is part of the fragment.
        response.setStatus(HttpStatus.OK.value());
        return "tier/team-access :: result";
    }
}
