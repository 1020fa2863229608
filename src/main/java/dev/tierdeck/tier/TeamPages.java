package dev.tierdeck.tier;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.system.FlashMessage;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.NamespacePattern;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import dev.tierdeck.tenancy.Team;
import dev.tierdeck.tenancy.TeamField;
import dev.tierdeck.tenancy.TeamRejectedException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The team screens: every team with the namespaces it owns now, the form to create or change one (with a preview of
 * what its patterns match), and who reaches a namespace. Without JavaScript the forms post and redirect; with htmx
 * the form swaps in place and the preview follows the typing.
 */
@Controller
@RequestMapping("/admin/teams")
class TeamPages {

    private static final String LIST = "/admin/teams";

    private final TeamAdministration teams;
    private final Permissions permissions;

    TeamPages(TeamAdministration teams, Permissions permissions) {
        this.teams = teams;
        this.permissions = permissions;
    }

    @GetMapping
    String list(CurrentUser user, Model model) {
        List<Team> all = teams.list(user);
        Map<String, List<String>> matching = new LinkedHashMap<>();
        for (Team team : all) {
            matching.put(team.name(), List.copyOf(teams.preview(user, team.namespacePatterns())));
        }
        model.addAttribute("teams", all);
        model.addAttribute("matching", matching);
        return "tier/teams";
    }

    @HxRequest
    @GetMapping
    String listContent(CurrentUser user, Model model) {
        list(user, model);
        return "tier/teams :: content";
    }

    @GetMapping("/new")
    String newTeam(CurrentUser user, Model model) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        fillForm(user, model, null, TeamForm.empty(), Map.of(), null);
        return "tier/team-form";
    }

    @HxRequest
    @GetMapping("/new")
    String newTeamContent(CurrentUser user, Model model) {
        newTeam(user, model);
        return "tier/team-form :: content";
    }

    @GetMapping("/{name}/edit")
    String edit(CurrentUser user, @PathVariable String name, Model model) {
        Team team = page(() -> teams.get(user, name));
        fillForm(user, model, team, TeamForm.of(team), Map.of(), null);
        return "tier/team-form";
    }

    @HxRequest
    @GetMapping("/{name}/edit")
    String editContent(CurrentUser user, @PathVariable String name, Model model) {
        edit(user, name, model);
        return "tier/team-form :: content";
    }

    /** The live preview: the cluster's namespaces the typed patterns match now, with a problem per bad pattern. */
    @HxRequest
    @GetMapping("/preview")
    String preview(CurrentUser user, @RequestParam(required = false) @Nullable String namespacePatterns, Model model) {
        fillPreview(user, model, TeamForm.split(namespacePatterns));
        return "tier/team-form :: preview";
    }

    /** Without JavaScript the preview link opens the new-team form with the patterns filled in and matched. */
    @GetMapping("/preview")
    String previewPage(
            CurrentUser user, @RequestParam(required = false) @Nullable String namespacePatterns, Model model) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        fillForm(user, model, null, new TeamForm("", "", "", namespacePatterns, "", null, null), Map.of(), null);
        return "tier/team-form";
    }

    @PostMapping
    @Nullable
    String create(
            CurrentUser user,
            @ModelAttribute TeamForm form,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model,
            RedirectAttributes redirect,
            HttpServletRequest request,
            HttpServletResponse response) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        Team team = form.toTeam(form.nameText());
        if (form.previewOnly()) {
            return previewed(user, htmx, model, null, form);
        }
        try {
            teams.create(user, team, form.comment());
            return FlashMessage.success("Team " + team.name() + " created.")
                    .redirect(LIST, htmx, redirect, request, response);
        } catch (TeamRejectedException e) {
            return failed(user, e, htmx, response, model, null, form);
        }
    }

    @PostMapping("/{name}")
    @Nullable
    String update(
            CurrentUser user,
            @PathVariable String name,
            @ModelAttribute TeamForm form,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model,
            RedirectAttributes redirect,
            HttpServletRequest request,
            HttpServletResponse response) {
        Team current = page(() -> teams.get(user, name));
        Team team = form.toTeam(name);
        if (form.previewOnly()) {
            return previewed(user, htmx, model, current, form);
        }
        try {
            teams.update(user, team, form.comment());
            return FlashMessage.success("Team " + name + " saved.").redirect(LIST, htmx, redirect, request, response);
        } catch (TeamRejectedException e) {
            return failed(user, e, htmx, response, model, current, form);
        }
    }

    @PostMapping("/{name}/delete")
    String delete(
            CurrentUser user,
            @PathVariable String name,
            @RequestParam(required = false) @Nullable String comment,
            RedirectAttributes redirect) {
        page(() -> teams.get(user, name));
        teams.delete(user, name, comment);
        FlashMessage.success("Team " + name + " deleted.").addTo(redirect);
        return "redirect:" + LIST;
    }

    private void fillForm(
            CurrentUser user,
            Model model,
            @Nullable Team team,
            TeamForm form,
            Map<String, String> errors,
            @Nullable String formError) {
        model.addAttribute("team", team);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("formError", formError);
        model.addAttribute("action", team == null ? LIST : LIST + "/" + team.name());
        fillPreview(user, model, TeamForm.split(form.namespacePatterns()));
    }

    private void fillPreview(CurrentUser user, Model model, List<String> patterns) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (String pattern : patterns) {
            String problem = NamespacePattern.problem(pattern);
            if (problem != null) {
                problems.put(pattern, problem);
            }
        }
        model.addAttribute("patterns", patterns);
        model.addAttribute("patternProblems", problems);
        model.addAttribute("matches", List.copyOf(teams.preview(user, patterns)));
    }

    private String previewed(
            CurrentUser user, @Nullable String htmx, Model model, @Nullable Team current, TeamForm form) {
        fillForm(user, model, current, form, Map.of(), null);
        return "true".equals(htmx) ? "tier/team-form :: form" : "tier/team-form";
    }

    /** The form again with what the admin typed, each problem at its field ("Line 2: ..." for list entries). */
    private String failed(
            CurrentUser user,
            TeamRejectedException e,
            @Nullable String htmx,
            HttpServletResponse response,
            Model model,
            @Nullable Team current,
            TeamForm form) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (TeamField field : e.fields()) {
            String key = field.field().replaceAll("\\[\\d+]$", "");
            // Empty lines are dropped from the form's lists, so the index is the line among the entries.
            String message = key.equals(field.field())
                    ? field.message()
                    : "Entry " + (Integer.parseInt(field.field().replaceAll(".*\\[(\\d+)]$", "$1")) + 1) + ": "
                            + field.message();
            errors.merge(key, message, (a, b) -> a + " " + b);
        }
        fillForm(user, model, current, form, errors, null);
        boolean fragment = "true".equals(htmx);
        // htmx swaps only successful answers into the form (4xx go to the problem area): it gets 200.
        response.setStatus(fragment ? HttpStatus.OK.value() : HttpStatus.UNPROCESSABLE_CONTENT.value());
        return fragment ? "tier/team-form :: form" : "tier/team-form";
    }

    /** Runs a lookup for a page: a missing team is the 404 page. */
    private static Team page(Supplier<Team> lookup) {
        try {
            return lookup.get();
        } catch (TeamNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }
}
