package dev.tierdeck.preview;

import dev.tierdeck.assertion.DraftAssertions;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyRef;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The impact preview of a saved draft: a GET form choosing the window (presets or free times), then the totals, a
 * chart and the changed flows with their explanations. The full page without htmx; {@code preview/report :: report}
 * with it (the policy page embeds it that way).
 */
@Controller
class PreviewPages {

    private final DraftPreviews previews;
    private final DraftAssertions assertions;

    PreviewPages(DraftPreviews previews, DraftAssertions assertions) {
        this.previews = previews;
        this.assertions = assertions;
    }

    @GetMapping("/namespaces/{namespace}/policies/{name}/preview")
    String namespaced(
            CurrentUser user,
            @PathVariable String namespace,
            @PathVariable String name,
            @RequestParam(required = false) @Nullable String window,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            Model model,
            HttpServletResponse response) {
        fill(user, PolicyRef.namespaced(namespace, name), window, from, to, model, response, false);
        return "preview/report";
    }

    @HxRequest
    @GetMapping("/namespaces/{namespace}/policies/{name}/preview")
    String namespacedReport(
            CurrentUser user,
            @PathVariable String namespace,
            @PathVariable String name,
            @RequestParam(required = false) @Nullable String window,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            Model model,
            HttpServletResponse response) {
        fill(user, PolicyRef.namespaced(namespace, name), window, from, to, model, response, true);
        return "preview/report :: report";
    }

    @GetMapping("/global-policies/{name}/preview")
    String global(
            CurrentUser user,
            @PathVariable String name,
            @RequestParam(required = false) @Nullable String window,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            Model model,
            HttpServletResponse response) {
        fill(user, PolicyRef.global(name), window, from, to, model, response, false);
        return "preview/report";
    }

    @HxRequest
    @GetMapping("/global-policies/{name}/preview")
    String globalReport(
            CurrentUser user,
            @PathVariable String name,
            @RequestParam(required = false) @Nullable String window,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            Model model,
            HttpServletResponse response) {
        fill(user, PolicyRef.global(name), window, from, to, model, response, true);
        return "preview/report :: report";
    }

    private void fill(
            CurrentUser user,
            PolicyRef ref,
            @Nullable String window,
            @Nullable String from,
            @Nullable String to,
            Model model,
            HttpServletResponse response,
            boolean htmx) {
        PolicyDraft draft;
        try {
            draft = previews.draft(user, ref);
        } catch (DraftPreviews.NoDraft e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
        model.addAttribute("ref", ref);
        model.addAttribute("draft", draft);
        model.addAttribute("presets", PreviewWindow.Preset.values());
        model.addAttribute("chosen", window == null ? "H24" : window);
        model.addAttribute("from", from == null ? "" : from);
        model.addAttribute("to", to == null ? "" : to);
        model.addAttribute("path", PreviewReport.pathOf(ref));
        // the assertions are checked statically, whatever the window: they hold for every connection or they do not
        model.addAttribute("assertionFindings", assertions.check(user, draft.policy()));
        try {
            PreviewWindow w = previews.window(window, from, to);
            model.addAttribute("report", new PreviewReport(ref, w, previews.preview(user, draft, w)));
        } catch (PreviewWindow.Invalid e) {
            model.addAttribute("windowError", e.getMessage());
            // htmx swaps only successful answers: the fragment with the message comes back with 200.
            if (!htmx) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
            }
        }
    }
}
