package dev.tierdeck.assertion;

import dev.tierdeck.engine.assertion.AssertionResult;
import dev.tierdeck.engine.eval.EndpointSet;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.system.FlashMessage;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.PolicyDisclosure;
import dev.tierdeck.tenancy.Resource;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The assertions page: every assertion the reader may read with whether it holds today, its example and trace in
 * words, what the observed flows of the recent window say, and a form to state a new one (errors at the field).
 * Post/redirect/get, no script needed.
 */
@Controller
class AssertionPages {

    private static final String PAGE = "assertion/assertions";

    /**
     * One assertion as the page shows it.
     *
     * @param status {@code holds}, {@code violated} or {@code covers nothing}
     * @param observed distinct observed connections that contradict it in the window
     * @param observedShown the latest of them the reader may see
     */
    record Row(
            StoredAssertion stored,
            String expect,
            String source,
            String destination,
            String ports,
            String status,
            @Nullable String reason,
            Examples.View example,
            int observed,
            List<ObservedContradictions.Contradiction> observedShown,
            boolean mayChange) {}

    private final Assertions assertions;
    private final ClusterAssertions cluster;
    private final ObservedContradictions observed;
    private final Examples examples;
    private final Permissions permissions;
    private final AssertionProperties properties;

    AssertionPages(
            Assertions assertions,
            ClusterAssertions cluster,
            ObservedContradictions observed,
            Examples examples,
            Permissions permissions,
            AssertionProperties properties) {
        this.assertions = assertions;
        this.cluster = cluster;
        this.observed = observed;
        this.examples = examples;
        this.permissions = permissions;
        this.properties = properties;
    }

    @GetMapping("/assertions")
    String page(CurrentUser user, Model model) {
        fill(user, model, AssertionForm.EMPTY, Map.of());
        return PAGE;
    }

    @PostMapping("/assertions")
    String create(
            CurrentUser user,
            @ModelAttribute AssertionForm form,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            StoredAssertion created = assertions.create(
                    user, form.namespace(), AssertionInput.one(form.toEntry(), properties.maxDefinition()));
            FlashMessage.success("Assertion " + created.name() + " stated (" + created.scope() + ").")
                    .addTo(redirect);
            return "redirect:/assertions#assertion-" + created.id();
        } catch (InvalidAssertionException e) {
            for (InvalidAssertionException.FieldError f : e.errors()) {
                errors.merge(AssertionForm.formField(f.field()), f.message(), (a, b) -> a + " " + b);
            }
        } catch (org.springframework.security.access.AccessDeniedException e) {
            errors.put("scope", e.getMessage());
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        fill(user, model, form, errors);
        return PAGE;
    }

    @PostMapping("/assertions/{id}/delete")
    String delete(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        try {
            StoredAssertion a = assertions.get(user, id);
            assertions.delete(user, id);
            FlashMessage.success("Assertion " + a.name() + " removed.").addTo(redirect);
        } catch (Assertions.NotFound e) {
            FlashMessage.error(e.getMessage()).addTo(redirect);
        }
        return "redirect:/assertions";
    }

    private void fill(CurrentUser user, Model model, AssertionForm form, Map<String, String> errors) {
        PolicyDisclosure reader = permissions.disclosureTo(user);
        ObservedContradictions.Window window = observed.current();
        List<Row> rows = new ArrayList<>();
        for (ClusterAssertions.Checked c : cluster.today()) {
            StoredAssertion s = c.stored();
            if (!assertions.mayRead(user, s)) {
                continue;
            }
            AssertionResult r = c.result();
            ObservedContradictions.Judged judged = window.of(s.id());
            List<ObservedContradictions.Contradiction> shown = judged.latest().stream()
                    .filter(x -> permissions.allows(
                            user, Action.EXPLAIN, Resource.flow(x.sourceNamespace(), x.destinationNamespace())))
                    .toList();
            rows.add(new Row(
                    s,
                    s.assertion().expect().name().toLowerCase(Locale.ROOT),
                    side(s.assertion().source()),
                    side(s.assertion().destination()),
                    s.assertion().ports().isEmpty()
                            ? "every port"
                            : String.join(
                                    ", ",
                                    s.assertion().ports().stream()
                                            .map(Object::toString)
                                            .toList()),
                    switch (r.status()) {
                        case HOLDS -> "holds";
                        case VIOLATED -> "violated";
                        case EMPTY -> "covers nothing";
                    },
                    r.reason(),
                    examples.view(user, reader, r),
                    judged.flows(),
                    shown,
                    assertions.mayChange(user, s.namespace())));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("window", window);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("mayStateGlobal", assertions.mayChange(user, null));
    }

    /** A side as the fields a rule peer would carry, e.g. {@code namespaceSelector projectcalico.org/name == 'x'}. */
    static String side(EndpointSet s) {
        List<String> parts = new ArrayList<>();
        if (s.selector() != null) {
            parts.add("selector " + s.selector());
        }
        if (s.notSelector() != null) {
            parts.add("notSelector " + s.notSelector());
        }
        if (s.namespaceSelector() != null) {
            parts.add("namespaceSelector " + s.namespaceSelector());
        }
        if (s.serviceAccounts() != null) {
            parts.add("serviceAccounts " + s.serviceAccounts());
        }
        if (!s.nets().isEmpty()) {
            parts.add("nets " + String.join(", ", s.nets()));
        }
        if (!s.notNets().isEmpty()) {
            parts.add("notNets " + String.join(", ", s.notNets()));
        }
        return parts.isEmpty() ? "anything" : String.join("; ", parts);
    }
}
