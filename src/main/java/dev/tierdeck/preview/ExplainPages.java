package dev.tierdeck.preview;

import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Decision;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import dev.tierdeck.tier.TierGovernance;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * "Why is this flow allowed?": a plain GET form answered with the verdict and the decisive steps across the tiers,
 * for what is enforced and for what would be with every staged policy in force. htmx swaps the form and the answer in
 * place; without JavaScript the form reloads the page. Everyone with a role may ask, about the flows
 * {@link Permissions} lets them explain (a developer: one end in one of their teams' namespaces); the steps name only
 * the policies the asker may read, and the suggestions list only the pods of namespaces they may read.
 */
@Controller
class ExplainPages {

    private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP", "ICMP", "ICMPv6");

    /** Pods offered as suggestions; a large cluster's full list would not help. */
    static final int SUGGESTED_PODS = 500;

    private final ClusterEvaluation evaluation;
    private final TierGovernance governance;
    private final Permissions permissions;

    ExplainPages(ClusterEvaluation evaluation, TierGovernance governance, Permissions permissions) {
        this.evaluation = evaluation;
        this.governance = governance;
        this.permissions = permissions;
    }

    @GetMapping("/explain")
    String page(
            CurrentUser user,
            @ModelAttribute("question") FlowQuestion question,
            Model model,
            HttpServletResponse response) {
        Outcome outcome = fill(user, question, model);
        if (outcome != Outcome.ANSWERED) {
            response.setStatus(
                    outcome == Outcome.REFUSED
                            ? HttpStatus.FORBIDDEN.value()
                            : HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        return "preview/explain";
    }

    /**
     * htmx swaps only successful answers, so the form with its messages comes back with 200. A refusal comes back as
     * 403 with the form and its reason, retargeted at the explainer, so that no earlier answer stays on the page
     * under a question that was refused.
     */
    @HxRequest
    @GetMapping("/explain")
    String explainer(
            CurrentUser user,
            @ModelAttribute("question") FlowQuestion question,
            Model model,
            HttpServletResponse response) {
        if (fill(user, question, model) == Outcome.REFUSED) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setHeader("HX-Retarget", "#explainer");
            response.setHeader("HX-Reswap", "outerHTML");
        }
        return "preview/explain :: explainer";
    }

    private enum Outcome {
        ANSWERED,
        INVALID,
        REFUSED
    }

    private Outcome fill(CurrentUser user, FlowQuestion question, Model model) {
        CompiledCluster cluster = evaluation.current();
        ClusterState state = cluster.state();
        Set<String> readable = permissions.readableNamespaces(
                user, new TreeSet<>(state.pods().stream().map(Pod::namespace).toList()));
        model.addAttribute("protocols", PROTOCOLS);
        model.addAttribute(
                "pods",
                state.pods().stream()
                        .filter(p -> readable.contains(p.namespace()))
                        .sorted(Comparator.comparing(Pod::namespace).thenComparing(Pod::name))
                        .limit(SUGGESTED_PODS)
                        .map(p -> p.namespace() + "/" + p.name())
                        .toList());
        model.addAttribute("namespaces", readable);
        model.addAttribute("errors", java.util.Map.of());
        if (!question.asked()) {
            return Outcome.ANSWERED;
        }
        // the ends as typed first, so that nobody learns which pods another team's namespaces hold
        Resource.Flow typed = question.typedEnds();
        if (typed != null && refused(user, typed, model)) {
            return Outcome.REFUSED;
        }
        FlowQuestion.Answer answer = question.read(state);
        model.addAttribute("errors", answer.errors());
        Flow flow = answer.flow();
        if (flow == null) {
            return Outcome.INVALID;
        }
        if (refused(user, Explaining.resource(flow), model)) {
            return Outcome.REFUSED;
        }
        TraceWords words = new TraceWords(governance, permissions.disclosureTo(user));
        model.addAttribute("explanation", FlowExplanation.of(flow, cluster.evaluate(flow), answer.notes(), words));
        return Outcome.ANSWERED;
    }

    private boolean refused(CurrentUser user, Resource.Flow flow, Model model) {
        Decision decision = permissions.decide(user, Action.EXPLAIN, flow);
        if (decision.allowed()) {
            return false;
        }
        model.addAttribute("refusal", decision.reason());
        return true;
    }
}
