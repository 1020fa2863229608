package dev.tierdeck.promotion;

import dev.tierdeck.identity.CurrentUser;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The approval queue: each request with its diff, impact and the guardrails that asked; approve or reject. */
@Controller
@RequestMapping("/admin/approvals")
class ApprovalPages {

    private static final String QUEUE = "/admin/approvals";

    private final Approvals approvals;

    ApprovalPages(Approvals approvals) {
        this.approvals = approvals;
    }

    @GetMapping
    String queue(CurrentUser user, Model model) {
        fill(user, model, Map.of());
        return "promotion/approvals";
    }

    @HxRequest
    @GetMapping
    String queueContent(CurrentUser user, Model model, CsrfToken csrf) {
        // the fragment's forms carry the token: load it (and the session) before the response starts streaming
        csrf.getToken();
        queue(user, model);
        return "promotion/approvals :: content";
    }

    @PostMapping("/{id}/approve")
    @Nullable
    String approve(
            CurrentUser user,
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String comment,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model,
            RedirectAttributes redirect,
            HttpServletRequest request,
            HttpServletResponse response) {
        try {
            Approval approved = approvals.approve(user, id, comment);
            return FlashMessage.success("Approved " + approved.ref() + " (revision " + approved.revision() + "); "
                            + approved.requesterName()
                            + (approved.withdrawal() ? " may withdraw it now." : " may promote it now."))
                    .redirect(QUEUE, htmx, redirect, request, response);
        } catch (PromotionProblem e) {
            return failed(user, id, e, htmx, model, response, comment);
        }
    }

    @PostMapping("/{id}/reject")
    @Nullable
    String reject(
            CurrentUser user,
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String comment,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model,
            RedirectAttributes redirect,
            HttpServletRequest request,
            HttpServletResponse response) {
        try {
            Approval rejected = approvals.reject(user, id, comment);
            return FlashMessage.success("Rejected " + rejected.ref() + "; " + rejected.requesterName()
                            + " sees your comment on the policy page.")
                    .redirect(QUEUE, htmx, redirect, request, response);
        } catch (PromotionProblem e) {
            return failed(user, id, e, htmx, model, response, comment);
        }
    }

    private void fill(CurrentUser user, Model model, Map<Long, String> errors) {
        List<Approval> queue = approvals.queue(user);
        model.addAttribute("approvals", queue);
        model.addAttribute(
                "decidable",
                queue.stream()
                        .filter(a -> approvals.mayDecide(user, a))
                        .map(Approval::id)
                        .toList());
        model.addAttribute("errors", errors);
    }

    /** The queue again, the message next to the request it concerns, the comment as typed. */
    private String failed(
            CurrentUser user,
            long id,
            PromotionProblem e,
            @Nullable String htmx,
            Model model,
            HttpServletResponse response,
            @Nullable String comment) {
        if (e.status() == HttpStatus.NOT_FOUND) {
            throw e;
        }
        fill(user, model, Map.of(id, e.getMessage()));
        model.addAttribute("typed", Map.of(id, comment == null ? "" : comment));
        boolean fragment = "true".equals(htmx);
        response.setStatus(fragment ? HttpStatus.OK.value() : e.status().value());
        return fragment ? "promotion/approvals :: content" : "promotion/approvals";
    }
}
