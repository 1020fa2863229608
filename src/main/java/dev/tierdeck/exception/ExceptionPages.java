package dev.tierdeck.exception;

import dev.tierdeck.cluster.ClusterException;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.engine.eval.Change;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.IpAddress;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.preview.ImpactPreview;
import dev.tierdeck.preview.ImpactPreviews;
import dev.tierdeck.system.FlashMessage;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The exceptions screens: the list (pending ones first, with time left and reminders), the request form reached from a
 * denied flow, and one exception's page, where the tier's owners see the impact of granting and decide.
 */
@Controller
class ExceptionPages {

    /** The request form as typed. */
    record RequestForm(
            @Nullable String source,
            @Nullable String destination,
            @Nullable String protocol,
            @Nullable String port,
            @Nullable String sourceScope,
            @Nullable String destinationScope,
            @Nullable Boolean anyPort,
            @Nullable String reason,
            @Nullable String duration) {}

    /** A decision as typed: how long (hours, or ISO-8601 like PT30M), the scope, a comment. */
    record DecisionForm(
            @Nullable String duration,
            @Nullable String sourceScope,
            @Nullable String destinationScope,
            @Nullable Boolean anyPort,
            @Nullable String comment) {}

    private final ExceptionRequests requests;
    private final ExceptionDecisions decisions;
    private final ExceptionViews views;
    private final Permissions permissions;
    private final ClusterReader cluster;
    private final ImpactPreviews previews;
    private final ExceptionProperties properties;
    private final Clock clock;

    ExceptionPages(
            ExceptionRequests requests,
            ExceptionDecisions decisions,
            ExceptionViews views,
            Permissions permissions,
            ClusterReader cluster,
            ImpactPreviews previews,
            ExceptionProperties properties,
            ExceptionClock clock) {
        this.requests = requests;
        this.decisions = decisions;
        this.views = views;
        this.permissions = permissions;
        this.cluster = cluster;
        this.previews = previews;
        this.properties = properties;
        this.clock = clock.clock();
    }

    @ModelAttribute("maximumHours")
    long maximumHours() {
        return Math.max(1, properties.maximumDuration().toHours());
    }

    @GetMapping("/exceptions")
    String list(CurrentUser user, @RequestParam(required = false) @Nullable String state, Model model) {
        permissions.require(user, Action.REQUEST_EXCEPTION, Resource.PORTAL);
        ExceptionState wanted = ExceptionApiController.state(state);
        Instant now = clock.instant();
        List<PolicyException> all = views.list(user, wanted);
        List<ExceptionViews.View> shown = all.stream()
                .sorted(Comparator.comparing((PolicyException e) -> e.state() != ExceptionState.PENDING))
                .map(e -> ExceptionViews.View.of(e, now))
                .toList();
        model.addAttribute("exceptions", shown);
        model.addAttribute("state", wanted == null ? "" : wanted.name());
        model.addAttribute("states", ExceptionState.values());
        model.addAttribute(
                "reminders",
                ExceptionExpiry.reminded(all).stream()
                        .filter(e -> user.username().equals(e.requester().username())
                                || e.approver() != null
                                        && user.username().equals(e.approver().username()))
                        .map(e -> ExceptionViews.View.of(e, now))
                        .toList());
        return "exception/list";
    }

    @GetMapping("/exceptions/new")
    String form(CurrentUser user, @ModelAttribute("form") RequestForm form, Model model) {
        permissions.require(user, Action.REQUEST_EXCEPTION, Resource.PORTAL);
        model.addAttribute("errors", Map.of());
        return "exception/request";
    }

    @PostMapping("/exceptions")
    String request(
            CurrentUser user,
            @ModelAttribute("form") RequestForm form,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        String flow = flowJson(form, cluster.decoded().state(), errors);
        if (flow != null) {
            try {
                PolicyException e = requests.request(
                        user,
                        flow,
                        form.reason(),
                        duration(form.duration()),
                        new ExceptionScope(
                                breadth(form.sourceScope()), breadth(form.destinationScope()), bool(form.anyPort())));
                FlashMessage.success("Exception " + e.id() + " requested; the owners of tier " + e.tier() + " ("
                                + String.join(", ", e.tierOwners()) + ") decide it.")
                        .addTo(redirect);
                return "redirect:/exceptions/" + e.id();
            } catch (ExceptionProblem problem) {
                errors.put(field(problem), problem.getMessage());
            }
        }
        model.addAttribute("errors", errors);
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return "exception/request";
    }

    @GetMapping("/exceptions/{id}")
    String one(CurrentUser user, @PathVariable long id, Model model) {
        PolicyException e = decisions.visible(user, id);
        fill(user, e, model, Map.of(), new DecisionForm(null, null, null, null, null));
        return "exception/exception";
    }

    @PostMapping("/exceptions/{id}/approve")
    String approve(
            CurrentUser user,
            @PathVariable long id,
            @ModelAttribute DecisionForm form,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            PolicyException current = decisions.visible(user, id);
            ExceptionScope scope = new ExceptionScope(
                    form.sourceScope() == null ? current.requested().source() : breadth(form.sourceScope()),
                    form.destinationScope() == null
                            ? current.requested().destination()
                            : breadth(form.destinationScope()),
                    bool(form.anyPort()));
            PolicyException granted = decisions.grant(user, id, duration(form.duration()), scope, form.comment());
            FlashMessage.success("Exception " + id + " granted until " + granted.expiresAt() + "; its policy "
                            + granted.policyName() + " is in tier " + granted.tier() + ".")
                    .addTo(redirect);
            return "redirect:/exceptions/" + id;
        } catch (ExceptionProblem problem) {
            return failed(user, id, problem, form, model, response);
        } catch (ClusterException refused) {
            return failed(
                    user,
                    id,
                    new ExceptionProblem(
                            ExceptionProblem.Kind.CONFLICT,
                            "The cluster did not take the exception's policy, so nothing was granted: "
                                    + refused.getMessage(),
                            null),
                    form,
                    model,
                    response);
        }
    }

    @PostMapping("/exceptions/{id}/reject")
    String reject(
            CurrentUser user,
            @PathVariable long id,
            @ModelAttribute DecisionForm form,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            decisions.reject(user, id, form.comment());
            FlashMessage.success("Exception " + id + " rejected; the requester sees your reason.")
                    .addTo(redirect);
            return "redirect:/exceptions/" + id;
        } catch (ExceptionProblem problem) {
            return failed(user, id, problem, form, model, response);
        }
    }

    @PostMapping("/exceptions/{id}/revoke")
    String revoke(
            CurrentUser user,
            @PathVariable long id,
            @ModelAttribute DecisionForm form,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            PolicyException revoked = decisions.revoke(user, id, form.comment());
            FlashMessage.success("Exception " + id + " revoked"
                            + (revoked.removedAt() != null
                                    ? "; its policy is gone from the cluster."
                                    : "; its policy is removed as soon as the cluster answers."))
                    .addTo(redirect);
            return "redirect:/exceptions/" + id;
        } catch (ExceptionProblem problem) {
            return failed(user, id, problem, form, model, response);
        }
    }

    private String failed(
            CurrentUser user,
            long id,
            ExceptionProblem problem,
            DecisionForm form,
            Model model,
            HttpServletResponse response) {
        if (problem.kind() == ExceptionProblem.Kind.NOT_FOUND) {
            throw problem;
        }
        PolicyException e = decisions.visible(user, id);
        fill(user, e, model, Map.of(field(problem), problem.getMessage()), form);
        response.setStatus(
                problem.kind() == ExceptionProblem.Kind.CONFLICT
                        ? HttpStatus.CONFLICT.value()
                        : HttpStatus.UNPROCESSABLE_CONTENT.value());
        return "exception/exception";
    }

    private void fill(CurrentUser user, PolicyException e, Model model, Map<String, String> errors, DecisionForm form) {
        Instant now = clock.instant();
        boolean decides = e.state() == ExceptionState.PENDING
                && permissions.allows(
                        user,
                        Action.GRANT_EXCEPTION,
                        Resource.change(null, e.tier(), e.requester().username()));
        boolean revokes = e.state() == ExceptionState.ACTIVE
                && (user.username().equals(e.requester().username())
                        || permissions.allows(user, Action.GRANT_EXCEPTION, Resource.tier(e.tier())));
        model.addAttribute("x", ExceptionViews.View.of(e, now));
        model.addAttribute("decides", decides);
        model.addAttribute("revokes", revokes);
        model.addAttribute(
                "decisionRefusal",
                e.state() == ExceptionState.PENDING && !decides
                        ? permissions
                                .decide(
                                        user,
                                        Action.GRANT_EXCEPTION,
                                        Resource.change(
                                                null, e.tier(), e.requester().username()))
                                .reason()
                        : null);
        model.addAttribute("errors", errors);
        model.addAttribute("decision", form);
        model.addAttribute("impact", decides ? impact(user, e, now, model) : null);
    }

    /** What granting would newly allow over the flow history of the configured window, as the approver may see it. */
    private @Nullable ImpactPreview impact(CurrentUser user, PolicyException e, Instant now, Model model) {
        try {
            PolicyException wouldBe = e.granted(
                    ExceptionRequests.person(user),
                    List.copyOf(user.groups()),
                    e.requested(),
                    e.requestedDuration(),
                    null,
                    now);
            ExceptionPolicy policy = decisions.policy(wouldBe);
            List<String> namespaces = new ArrayList<>();
            for (ExceptionTarget.End end :
                    List.of(e.target().source(), e.target().destination())) {
                if (end.namespace() != null && !namespaces.contains(end.namespace())) {
                    namespaces.add(end.namespace());
                }
            }
            return previews.preview(
                    new Change(List.of(policy.enforced()), List.of()),
                    namespaces,
                    now.minus(properties.impactWindow()),
                    now,
                    permissions.disclosureTo(user));
        } catch (ExceptionProblem problem) {
            model.addAttribute("impactProblem", problem.getMessage());
            return null;
        }
    }

    /** The flow of the form in the shape explain takes: pods as {@code namespace/name}, a namespace by its first pod. */
    static @Nullable String flowJson(RequestForm form, ClusterState state, Map<String, String> errors) {
        String source = end("source", form.source(), state, errors);
        String destination = end("destination", form.destination(), state, errors);
        String protocol = form.protocol() == null || form.protocol().isBlank()
                ? "TCP"
                : form.protocol().strip();
        String port = form.port() == null ? "" : form.port().strip();
        if (!port.isEmpty() && !port.matches("[0-9]{1,5}")) {
            errors.put("port", "\"" + shorten(port) + "\" is not a port: enter a number from 1 to 65535.");
        }
        if (!errors.isEmpty()) {
            return null;
        }
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        Map<String, Object> flow = new LinkedHashMap<>();
        flow.put("id", "exception");
        flow.put("source", endJson(source));
        flow.put("destination", endJson(destination));
        flow.put("protocol", protocol);
        if (!port.isEmpty()) {
            flow.put("port", Integer.parseInt(port));
        }
        return json.writeValueAsString(flow);
    }

    private static Map<String, String> endJson(@Nullable String end) {
        String e = java.util.Objects.requireNonNull(end);
        return e.contains("/") ? Map.of("pod", e) : Map.of("ip", e);
    }

    private static @Nullable String end(
            String field, @Nullable String text, ClusterState state, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            errors.put(field, "Enter a pod (namespace/name), a namespace or an IP address.");
            return null;
        }
        String t = text.strip();
        if (t.length() > 300) {
            errors.put(field, "At most 300 characters: a pod, a namespace or an IP address.");
            return null;
        }
        int slash = t.indexOf('/');
        if (slash > 0 && t.endsWith("*")) {
            // a workload as flow lists name it (checkout/cart-*): one of its pods stands for it
            String ns = t.substring(0, slash);
            String prefix = t.substring(slash + 1, t.length() - 1);
            Pod pod = state.pods().stream()
                    .filter(p -> p.namespace().equals(ns) && p.name().startsWith(prefix))
                    .min(Comparator.comparing(Pod::name))
                    .orElse(null);
            if (pod == null) {
                errors.put(field, "The workload " + shorten(t) + " has no pods in the cluster now.");
                return null;
            }
            return pod.namespace() + "/" + pod.name();
        }
        if (t.contains("/") || IpAddress.parse(t) != null) {
            return t;
        }
        Pod first = state.pods().stream()
                .filter(p -> p.namespace().equals(t))
                .min(Comparator.comparing(Pod::name))
                .orElse(null);
        if (first == null) {
            errors.put(
                    field,
                    "\"" + shorten(t) + "\" is neither a pod (namespace/name), a namespace with pods nor an IP"
                            + " address.");
            return null;
        }
        return first.namespace() + "/" + first.name();
    }

    /** Whole hours as typed in the form ("2"), or an ISO-8601 duration ("PT30M"). */
    static @Nullable String duration(@Nullable String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String t = typed.strip();
        if (t.matches("[0-9]{1,4}")) {
            return Duration.ofHours(Long.parseLong(t)).toString();
        }
        return t;
    }

    private static ExceptionScope.Breadth breadth(@Nullable String typed) {
        ExceptionScope.Breadth b = ExceptionScope.Breadth.parse(typed);
        return b == null ? ExceptionScope.Breadth.WORKLOAD : b;
    }

    private static boolean bool(@Nullable Boolean b) {
        return Boolean.TRUE.equals(b);
    }

    private static String field(ExceptionProblem problem) {
        String f = problem.field();
        if (f == null) {
            return "form";
        }
        if (f.startsWith("flow.source")) {
            return "source";
        }
        if (f.startsWith("flow.destination")) {
            return "destination";
        }
        if (f.startsWith("flow.port")) {
            return "port";
        }
        if (f.startsWith("flow.protocol")) {
            return "protocol";
        }
        return f.startsWith("flow") ? "form" : f;
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
