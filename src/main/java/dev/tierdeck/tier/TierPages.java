package dev.tierdeck.tier;

import dev.tierdeck.cluster.ClusterAccessDeniedException;
import dev.tierdeck.cluster.ClusterException;
import dev.tierdeck.cluster.ClusterInvalidException;
import dev.tierdeck.cluster.ClusterNotFoundException;
import dev.tierdeck.cluster.ClusterUnavailableException;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.system.FlashMessage;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.springframework.web.util.UriUtils;

/**
 * The tier screens: the whole stack, and the form to create or change a tier. Forms post and redirect without
 * JavaScript; with htmx they swap the form in place and follow {@code HX-Redirect} on success.
 */
@Controller
@RequestMapping("/admin/tiers")
class TierPages {

    private static final String LIST = "/admin/tiers";

    private final TierAdministration tiers;
    private final TierStack stack;
    private final Permissions permissions;

    TierPages(TierAdministration tiers, TierStack stack, Permissions permissions) {
        this.tiers = tiers;
        this.stack = stack;
        this.permissions = permissions;
    }

    @GetMapping
    String list(
            CurrentUser user,
            @RequestParam(required = false) @Nullable String tier,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        fillList(user, new PolicyPages.Request(tier, page), model);
        return "tier/tiers";
    }

    @HxRequest
    @GetMapping
    String listContent(
            CurrentUser user,
            @RequestParam(required = false) @Nullable String tier,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        fillList(user, new PolicyPages.Request(tier, page), model);
        return "tier/tiers :: content";
    }

    @GetMapping("/new")
    String newTier(CurrentUser user, Model model) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        fillForm(model, null, new TierInput("", "", "Deny", false, List.of(), false, "", false), Map.of(), null);
        return "tier/tier-form";
    }

    @HxRequest
    @GetMapping("/new")
    String newTierContent(CurrentUser user, Model model) {
        newTier(user, model);
        return "tier/tier-form :: content";
    }

    @GetMapping("/{name}/edit")
    String edit(CurrentUser user, @PathVariable String name, Model model) {
        TierView tier = page(() -> tiers.forEditing(user, name));
        fillForm(model, tier, TierInput.of(tier), Map.of(), null);
        return "tier/tier-form";
    }

    @HxRequest
    @GetMapping("/{name}/edit")
    String editContent(CurrentUser user, @PathVariable String name, Model model) {
        edit(user, name, model);
        return "tier/tier-form :: content";
    }

    @PostMapping
    @Nullable
    String create(
            CurrentUser user,
            @ModelAttribute TierForm form,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model,
            RedirectAttributes redirect,
            HttpServletRequest request,
            HttpServletResponse response) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        TierInput input = form.toInput();
        try {
            TierView created = tiers.create(user, input, form.comment());
            return FlashMessage.success("Tier " + created.name() + " created.")
                    .redirect(LIST, htmx, redirect, request, response);
        } catch (TierProblem | ClusterException e) {
            model.addAttribute("comment", form.comment());
            return failed(e, htmx, response, model, null, input);
        }
    }

    @PostMapping("/{name}")
    @Nullable
    String update(
            CurrentUser user,
            @PathVariable String name,
            @ModelAttribute TierForm form,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model,
            RedirectAttributes redirect,
            HttpServletRequest request,
            HttpServletResponse response) {
        TierView current = page(() -> tiers.forEditing(user, name));
        TierInput input = form.toInput();
        try {
            tiers.update(user, name, input, form.comment());
            return FlashMessage.success("Tier " + name + " saved.").redirect(LIST, htmx, redirect, request, response);
        } catch (TierProblem | ClusterException e) {
            model.addAttribute("comment", form.comment());
            return failed(e, htmx, response, model, current, input);
        }
    }

    @PostMapping("/{name}/delete")
    String delete(
            CurrentUser user,
            @PathVariable String name,
            @RequestParam(required = false) @Nullable String comment,
            RedirectAttributes redirect) {
        page(() -> tiers.forEditing(user, name));
        try {
            tiers.delete(user, name, comment);
            FlashMessage.success("Tier " + name + " deleted.").addTo(redirect);
            return "redirect:" + LIST;
        } catch (TierProblem | ClusterException e) {
            FlashMessage.error(e.getMessage()).addTo(redirect);
            // the name comes from the URL: encoded, so that {x} is no template variable and UTF-8 is no raw header
            return "redirect:" + LIST + "/" + UriUtils.encodePathSegment(name, StandardCharsets.UTF_8) + "/edit";
        }
    }

    private void fillList(CurrentUser user, PolicyPages.Request pages, Model model) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        TierStack.Snapshot snapshot = stack.snapshot();
        List<TierView> all = stack.tiers(user, snapshot);
        // every tier's policies are known; a page lists one page of each
        Map<String, PolicyPages.Page<TierView.PolicyView>> policyPages = new HashMap<>();
        for (TierView t : all) {
            policyPages.put(t.name(), pages.pageOf(t.name(), t.policies()));
        }
        model.addAttribute("tiers", all);
        model.addAttribute("policyPages", policyPages);
        model.addAttribute("stale", snapshot.stale());
    }

    private static void fillForm(
            Model model,
            @Nullable TierView tier,
            TierInput input,
            Map<String, String> errors,
            @Nullable String formError) {
        model.addAttribute("tier", tier);
        model.addAttribute("form", input);
        model.addAttribute("errors", errors);
        model.addAttribute("formError", formError);
        model.addAttribute("action", tier == null ? LIST : LIST + "/" + tier.name());
    }

    /** The form again with what the admin typed: field errors next to their fields, anything else above it. */
    private static String failed(
            RuntimeException e,
            @Nullable String htmx,
            HttpServletResponse response,
            Model model,
            @Nullable TierView tier,
            TierInput input) {
        Map<String, String> errors = new LinkedHashMap<>();
        String formError = null;
        if (e instanceof TierProblem problem && !problem.fields().isEmpty()) {
            for (InvalidField field : problem.fields()) {
                // owners[2] is shown at the owners field, naming the line.
                String key = field.field().replaceAll("\\[\\d+]$", "");
                String message = key.equals(field.field())
                        ? field.message()
                        : "Line " + (Integer.parseInt(field.field().replaceAll(".*\\[(\\d+)]$", "$1")) + 1) + ": "
                                + field.message();
                errors.merge(key, message, (a, b) -> a + " " + b);
            }
        } else {
            formError = e.getMessage();
        }
        fillForm(model, tier, input, errors, formError);
        // htmx swaps only successful answers into the form (4xx go to the problem area): it gets 200.
        boolean fragment = "true".equals(htmx);
        HttpStatus status = switch (e) {
            case TierProblem problem -> problem.status();
            case ClusterAccessDeniedException denied -> HttpStatus.FORBIDDEN;
            case ClusterInvalidException invalid -> HttpStatus.UNPROCESSABLE_CONTENT;
            case ClusterNotFoundException missing -> HttpStatus.NOT_FOUND;
            case ClusterUnavailableException down -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.CONFLICT;
        };
        response.setStatus(fragment ? HttpStatus.OK.value() : status.value());
        return fragment ? "tier/tier-form :: form" : "tier/tier-form";
    }

    /** Runs a lookup for a page: a missing tier is the 404 page. */
    private static TierView page(java.util.function.Supplier<TierView> lookup) {
        try {
            return lookup.get();
        } catch (TierProblem e) {
            throw new ResponseStatusException(e.status(), e.getMessage());
        }
    }
}
