package dev.tierdeck.tier;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.system.FlashMessage;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The guardrails screen: the rules in force as an editable form, and every earlier version. */
@Controller
@RequestMapping("/admin/guardrails")
class GuardrailPages {

    private static final String PAGE = "/admin/guardrails";

    private final GuardrailAdministration guardrails;

    GuardrailPages(GuardrailAdministration guardrails) {
        this.guardrails = guardrails;
    }

    @GetMapping
    String show(CurrentUser user, Model model) {
        GuardrailVersion current = guardrails.current(user);
        fill(user, model, current, GuardrailForm.of(current), Map.of(), null);
        return "tier/guardrails";
    }

    @HxRequest
    @GetMapping
    String showContent(CurrentUser user, Model model) {
        show(user, model);
        return "tier/guardrails :: content";
    }

    @PostMapping
    @Nullable
    String save(
            CurrentUser user,
            @ModelAttribute GuardrailForm form,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model,
            RedirectAttributes redirect,
            HttpServletRequest request,
            HttpServletResponse response) {
        GuardrailVersion current = guardrails.current(user);
        GuardrailForm.Result result = form.toRules();
        String formError = null;
        List<InvalidField> problems = result.problems();
        if (problems.isEmpty()) {
            try {
                GuardrailVersion saved = guardrails.save(user, result.rules(), form.comment(), form.baseVersion());
                return FlashMessage.success("Guardrails saved as version " + saved.version() + ".")
                        .redirect(PAGE, htmx, redirect, request, response);
            } catch (TierProblem e) {
                problems = e.fields();
                formError = e.fields().isEmpty() ? e.getMessage() : null;
                response.setStatus(e.status().value());
            }
        } else {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        for (InvalidField problem : problems) {
            // Shown at the section of the guardrail: "egressCidrs.allowed[1]" belongs to egressCidrs.
            String section = problem.field().replaceAll("[.\\[].*$", "");
            errors.merge(section, problem.message(), (a, b) -> a + " " + b);
        }
        fill(user, model, current, form, errors, formError);
        if ("true".equals(htmx)) {
            // htmx swaps only successful answers into the form (4xx go to the problem area).
            response.setStatus(HttpStatus.OK.value());
            return "tier/guardrails :: form";
        }
        return "tier/guardrails";
    }

    private void fill(
            CurrentUser user,
            Model model,
            GuardrailVersion current,
            GuardrailForm form,
            Map<String, String> errors,
            @Nullable String formError) {
        model.addAttribute("current", current);
        model.addAttribute("descriptions", GuardrailDescriptions.byId(current.rules()));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("formError", formError);
        model.addAttribute("history", guardrails.history(user));
        model.addAttribute("severities", List.of(Severity.values()));
    }
}
