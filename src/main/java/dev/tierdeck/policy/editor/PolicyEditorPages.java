package dev.tierdeck.policy.editor;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.ChangeReasons;
import dev.tierdeck.policy.PolicyConflictException;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRejectedException;
import dev.tierdeck.system.FlashMessage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The policy editor screen: one page for new and existing NetworkPolicies of a namespace and GlobalNetworkPolicies.
 * Every button posts the whole form with an {@code _action}; without JavaScript the page comes back re-rendered,
 * with htmx ({@code HX-Request}) only the part that changed. Saving redirects to the policy's page.
 */
@Controller
class PolicyEditorPages {

    private static final String PAGE = "policy/editor";
    private static final String PARTS = "policy/editor-parts";

    private final PolicyEditor editor;
    private final PolicyDrafts drafts;

    PolicyEditorPages(PolicyEditor editor, PolicyDrafts drafts) {
        this.editor = editor;
        this.drafts = drafts;
    }

    @GetMapping("/namespaces/{namespace}/policies/new")
    String newPolicy(
            CurrentUser user,
            @PathVariable String namespace,
            @RequestParam(required = false) @Nullable String template,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model) {
        return create(user, new EditorScope(namespace, null), template, htmx, model);
    }

    @GetMapping("/global-policies/new")
    String newGlobalPolicy(
            CurrentUser user,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model) {
        return create(user, new EditorScope(null, null), null, htmx, model);
    }

    @GetMapping("/namespaces/{namespace}/policies/{name}/edit")
    String edit(
            CurrentUser user,
            @PathVariable String namespace,
            @PathVariable String name,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model) {
        return open(user, new EditorScope(namespace, name), htmx, model);
    }

    @GetMapping("/global-policies/{name}/edit")
    String editGlobal(
            CurrentUser user,
            @PathVariable String name,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model) {
        return open(user, new EditorScope(null, name), htmx, model);
    }

    @PostMapping("/namespaces/{namespace}/policies/new")
    @Nullable
    String postNew(
            CurrentUser user,
            @PathVariable String namespace,
            @ModelAttribute("form") PolicyForm form,
            @RequestParam(name = "_action", defaultValue = "validate") String action,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model,
            RedirectAttributes redirect,
            HttpServletRequest request,
            HttpServletResponse response) {
        return post(user, new EditorScope(namespace, null), form, action, htmx, model, redirect, request, response);
    }

    @PostMapping("/namespaces/{namespace}/policies/{name}/edit")
    @Nullable
    String postEdit(
            CurrentUser user,
            @PathVariable String namespace,
            @PathVariable String name,
            @ModelAttribute("form") PolicyForm form,
            @RequestParam(name = "_action", defaultValue = "validate") String action,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model,
            RedirectAttributes redirect,
            HttpServletRequest request,
            HttpServletResponse response) {
        return post(user, new EditorScope(namespace, name), form, action, htmx, model, redirect, request, response);
    }

    @PostMapping("/global-policies/new")
    @Nullable
    String postNewGlobal(
            CurrentUser user,
            @ModelAttribute("form") PolicyForm form,
            @RequestParam(name = "_action", defaultValue = "validate") String action,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model,
            RedirectAttributes redirect,
            HttpServletRequest request,
            HttpServletResponse response) {
        return post(user, new EditorScope(null, null), form, action, htmx, model, redirect, request, response);
    }

    @PostMapping("/global-policies/{name}/edit")
    @Nullable
    String postEditGlobal(
            CurrentUser user,
            @PathVariable String name,
            @ModelAttribute("form") PolicyForm form,
            @RequestParam(name = "_action", defaultValue = "validate") String action,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model,
            RedirectAttributes redirect,
            HttpServletRequest request,
            HttpServletResponse response) {
        return post(user, new EditorScope(null, name), form, action, htmx, model, redirect, request, response);
    }

    private String create(
            CurrentUser user, EditorScope scope, @Nullable String template, @Nullable String htmx, Model model) {
        editor.requireScope(user, scope);
        PolicyForm form;
        if (template == null || template.isEmpty()) {
            form = editor.blank(user, scope);
        } else {
            form = editor.fromTemplate(
                    user,
                    scope,
                    PolicyTemplates.find(template)
                            .orElseThrow(() -> new ResponseStatusException(
                                    HttpStatus.NOT_FOUND, "There is no template " + template + ".")));
        }
        // A form the user has not touched yet says nothing about its fields (a blank name is not yet a mistake).
        PolicyEditor.Outcome outcome = editor.evaluate(user, scope, form, false);
        editor.fill(
                model,
                user,
                scope,
                form,
                new PolicyEditor.Outcome(outcome.policy(), outcome.yaml(), new Messages()),
                List.of());
        return "true".equals(htmx) ? PAGE + " :: content" : PAGE;
    }

    private String open(CurrentUser user, EditorScope scope, @Nullable String htmx, Model model) {
        editor.requireScope(user, scope);
        PolicyEditor.Editing editing = editor.existing(user, scope);
        FormReader.Read read = editor.open(editing.policy(), editing.revision());
        editor.fill(model, user, scope, read.form(), editor.evaluate(user, scope, read.form(), false), read.reasons());
        return "true".equals(htmx) ? PAGE + " :: content" : PAGE;
    }

    private @Nullable String post(
            CurrentUser user,
            EditorScope scope,
            PolicyForm form,
            String action,
            @Nullable String htmx,
            Model model,
            RedirectAttributes redirect,
            HttpServletRequest request,
            HttpServletResponse response) {
        editor.requireScope(user, scope);
        if (!scope.creating()) {
            editor.existing(user, scope);
            if (!form.isYamlMode()) {
                form.setName(scope.name());
            }
        }
        boolean fragment = "true".equals(htmx);
        List<String> reasons = List.of();
        String part = "form";
        PolicyEditor.Outcome outcome;
        if (FormActions.isStructural(action)) {
            FormActions.apply(form, action);
            outcome = editor.evaluate(user, scope, form, false);
            part = FormActions.touchesRules(action) ? "rules-update" : "form";
        } else if (action.equals("yaml-to-form") || action.equals("mode-form")) {
            PolicyYaml.Decoded decoded = PolicyYaml.parse(form.getYaml(), scope.kind(), scope.namespace());
            if (decoded.policy() != null) {
                FormReader.Read read = editor.open(decoded.policy(), form.getRevision());
                read.form().setReason(form.getReason());
                form = read.form();
                reasons = read.reasons();
                outcome = editor.evaluate(user, scope, form, true);
            } else if (action.equals("mode-form")) {
                form.setMode(PolicyForm.YAML);
                outcome = editor.evaluate(user, scope, form, false);
            } else {
                outcome = yamlRefused(editor.evaluate(user, scope, form, false), form.getYaml(), decoded);
            }
        } else if (action.equals("mode-yaml")) {
            outcome = editor.evaluate(user, scope, form, false);
            form.setYaml(outcome.yaml());
            form.setMode(PolicyForm.YAML);
        } else if (action.equals("sync")) {
            outcome = editor.evaluate(user, scope, form, true);
            editor.fill(model, user, scope, form, outcome, reasons);
            return PARTS + " :: live";
        } else if (action.equals("save")) {
            outcome = editor.evaluate(user, scope, form, false);
            if (outcome.policy() != null && !outcome.messages().blocks()) {
                editor.requireTier(user, scope, outcome.policy().tier());
                try {
                    // an existing policy opened without a revision is one in force that Tierdeck does not manage:
                    // saving it is an adoption, which needs a reason
                    PolicyDraft saved = !scope.creating() && form.getRevision() == null
                            ? drafts.adopt(user, outcome.policy(), form.getReason())
                            : drafts.save(user, outcome.policy(), form.getRevision());
                    return saved(scope, saved, htmx, redirect, request, response);
                } catch (PolicyRejectedException e) {
                    YamlLines lines = form.isYamlMode() ? YamlLines.of(form.getYaml()) : null;
                    for (var p : e.problems()) {
                        if (p.field().equals(ChangeReasons.FIELD)) {
                            outcome.messages().atPath(p.field(), p.message(), true);
                            continue;
                        }
                        PolicyEditor.place(outcome.messages(), lines, p.field(), Messages.describe(p), p.blocking());
                    }
                } catch (PolicyConflictException e) {
                    conflict(scope, form, outcome, response);
                }
            }
            if (response.getStatus() == HttpStatus.OK.value()) {
                response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            }
            if (outcome.messages().isEmpty()) {
                outcome.messages().top("The policy could not be saved.");
            }
        } else {
            outcome = editor.evaluate(user, scope, form, true);
        }
        editor.fill(model, user, scope, form, outcome, reasons);
        if (fragment) {
            // htmx swaps only successful answers into the page (errors go to the problem area): it gets 200.
            response.setStatus(HttpStatus.OK.value());
            return (part.equals("form") ? PAGE : PARTS) + " :: " + part;
        }
        return PAGE;
    }

    /** Keeps the YAML the user typed and says, under it, why it cannot fill the form. */
    private static PolicyEditor.Outcome yamlRefused(
            PolicyEditor.Outcome formOutcome, String typed, PolicyYaml.Decoded decoded) {
        Messages messages = new Messages();
        decoded.problems().forEach(p -> messages.inYaml(p.describe(), true));
        return new PolicyEditor.Outcome(formOutcome.policy(), typed, messages);
    }

    private static void conflict(
            EditorScope scope, PolicyForm form, PolicyEditor.Outcome outcome, HttpServletResponse response) {
        if (scope.creating() && outcome.policy() != null) {
            String text = "A policy named " + outcome.policy().name() + " already exists"
                    + (scope.global() ? "" : " in " + scope.namespace()) + "; choose another name.";
            PolicyEditor.place(
                    outcome.messages(),
                    form.isYamlMode() ? YamlLines.of(form.getYaml()) : null,
                    "metadata.name",
                    text,
                    true);
        } else {
            outcome.messages()
                    .top("Someone saved this policy since you opened it. Reload the page to see their change, then"
                            + " make yours again.");
        }
        response.setStatus(HttpStatus.CONFLICT.value());
    }

    /**
     * A posted index past the binder's limit (256 entries per list) is not a form anyone filled in: it is refused as
     * bad input rather than failing as an error of the portal.
     */
    @ExceptionHandler(InvalidPropertyException.class)
    void tooManyEntries(HttpServletResponse response) throws IOException {
        response.sendError(
                HttpStatus.BAD_REQUEST.value(),
                "The form has more rules or selector conditions than the editor accepts (at most 256 per list).");
    }

    private static @Nullable String saved(
            EditorScope scope,
            PolicyDraft saved,
            @Nullable String htmx,
            RedirectAttributes redirect,
            HttpServletRequest request,
            HttpServletResponse response) {
        return FlashMessage.success("Policy " + saved.ref() + " saved as a draft.")
                .redirect(scope.page(saved.ref().name()), htmx, redirect, request, response);
    }
}
