package dev.tierdeck.recommendation;

import dev.tierdeck.engine.recommend.Directions;
import dev.tierdeck.engine.recommend.Layout;
import dev.tierdeck.engine.recommend.Level;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyConflictException;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyRejectedException;
import dev.tierdeck.system.FlashMessage;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Suggest a policy" for a namespace: a GET form (window, workload, directions, level, layout, tier, CIDR width, and
 * the observed connections to leave out) answered with the suggestion, its proof and its evidence; the full page
 * without htmx, {@code recommendation/suggest :: result} with it. "Open in the editor" posts the same settings and
 * saves the suggested policy as a draft, then redirects to the editor.
 */
@Controller
class SuggestionPages {

    private static final String PAGE = "recommendation/suggest";

    private final Suggestions suggestions;

    SuggestionPages(Suggestions suggestions) {
        this.suggestions = suggestions;
    }

    @GetMapping("/namespaces/{namespace}/recommendation")
    String page(
            CurrentUser user,
            @PathVariable String namespace,
            @ModelAttribute("request") SuggestionRequest request,
            Model model,
            HttpServletResponse response) {
        if (!fill(user, namespace, request, model)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        return PAGE;
    }

    /** htmx swaps only successful answers: the form with its messages comes back with 200. */
    @HxRequest
    @GetMapping("/namespaces/{namespace}/recommendation")
    String result(
            CurrentUser user,
            @PathVariable String namespace,
            @ModelAttribute("request") SuggestionRequest request,
            CsrfToken csrf,
            Model model) {
        // The fragment's forms carry the token: made now, before a long fragment commits the response (with the
        // session the token lives in still to be created).
        csrf.getToken();
        fill(user, namespace, request, model);
        return PAGE + " :: result";
    }

    @PostMapping("/namespaces/{namespace}/recommendation/drafts")
    @Nullable
    String openAsDrafts(
            CurrentUser user,
            @PathVariable String namespace,
            @ModelAttribute("request") SuggestionRequest request,
            @RequestParam(required = false) @Nullable String policy,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            CsrfToken csrf,
            Model model,
            RedirectAttributes redirect,
            HttpServletRequest servletRequest,
            HttpServletResponse response) {
        csrf.getToken();
        String problem;
        HttpStatus status;
        List<String> problems = List.of();
        try {
            List<PolicyDraft> saved = suggestions.saveAsDrafts(user, namespace, request, policy);
            String next = "Stage it and watch its pending verdicts for a few days before you promote it: the flows"
                    + " observed since the suggestion show what it would really do.";
            if (saved.size() == 1) {
                PolicyDraft d = saved.getFirst();
                return FlashMessage.success("Suggested policy " + d.ref() + " saved as a draft. " + next)
                        .redirect(
                                "/namespaces/" + namespace + "/policies/"
                                        + d.ref().name() + "/edit",
                                htmx,
                                redirect,
                                servletRequest,
                                response);
            }
            return FlashMessage.success(saved.size() + " suggested policies saved as drafts: "
                            + String.join(
                                    ", ",
                                    saved.stream().map(d -> d.ref().name()).toList()) + ". " + next)
                    .redirect("/namespaces/" + namespace, htmx, redirect, servletRequest, response);
        } catch (SuggestionRequest.Invalid e) {
            problem = "The suggestion could not be worked out again: " + e.getMessage();
            status = HttpStatus.BAD_REQUEST;
        } catch (PolicyRejectedException e) {
            problem = "Nothing was saved: the drafts' checks refuse the suggestion.";
            problems = e.problems().stream()
                    .map(p -> p.field() + ": " + p.message())
                    .toList();
            status = HttpStatus.UNPROCESSABLE_CONTENT;
        } catch (PolicyConflictException e) {
            problem = "Nothing was saved: " + e.getMessage() + " Look at the suggestion again.";
            status = HttpStatus.CONFLICT;
        }
        fill(user, namespace, request, model);
        model.addAttribute("saveProblem", problem);
        model.addAttribute("saveProblems", problems);
        // htmx swaps only successful answers into the page (errors go to the problem area): it gets 200.
        response.setStatus("true".equals(htmx) ? HttpStatus.OK.value() : status.value());
        return "true".equals(htmx) ? PAGE + " :: result" : PAGE;
    }

    /** @return false when the request has fields that cannot be used (the messages are in the model) */
    private boolean fill(CurrentUser user, String namespace, SuggestionRequest request, Model model) {
        model.addAttribute("namespace", namespace);
        model.addAttribute("levels", Level.values());
        model.addAttribute("layouts", Layout.values());
        model.addAttribute("directions", Directions.values());
        model.addAttribute("errors", Map.of());
        try {
            Suggestion s = suggestions.suggest(user, namespace, request);
            model.addAttribute("view", new SuggestionView(s));
            return true;
        } catch (SuggestionRequest.Invalid e) {
            model.addAttribute("errors", e.errors());
            return false;
        }
    }
}
