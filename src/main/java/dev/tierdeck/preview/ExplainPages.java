package dev.tierdeck.preview;

import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Tenancy;
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
 * "Why is this flow allowed?": a plain GET form (every signed-in user) answered with the verdict and the decisive
 * steps across the tiers, for what is enforced and for what would be with every staged policy in force. htmx swaps
 * the form and the answer in place; without JavaScript the form reloads the page.
 */
@Controller
class ExplainPages {

    private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP", "ICMP", "ICMPv6");

    /** Pods offered as suggestions, the user's own namespaces first; a large cluster's full list would not help. */
    static final int SUGGESTED_PODS = 500;

    private final ClusterEvaluation evaluation;
    private final TraceWords words;

    private final Tenancy tenancy;

    ExplainPages(ClusterEvaluation evaluation, TierGovernance governance, Tenancy tenancy) {
        this.evaluation = evaluation;
        this.words = new TraceWords(governance);
        this.tenancy = tenancy;
    }

    @GetMapping("/explain")
    String page(
            CurrentUser user,
            @ModelAttribute("question") FlowQuestion question,
            Model model,
            HttpServletResponse response) {
        if (!fill(user, question, model)) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        return "preview/explain";
    }

    /** htmx swaps only successful answers, so the form with its messages comes back with 200. */
    @HxRequest
    @GetMapping("/explain")
    String explainer(CurrentUser user, @ModelAttribute("question") FlowQuestion question, Model model) {
        fill(user, question, model);
        return "preview/explain :: explainer";
    }

    /** @return false when the question has errors */
    private boolean fill(CurrentUser user, FlowQuestion question, Model model) {
        CompiledCluster cluster = evaluation.current();
        ClusterState state = cluster.state();
        Set<String> own = tenancy.namespacesOf(user);
        model.addAttribute("protocols", PROTOCOLS);
        model.addAttribute(
                "pods",
                state.pods().stream()
                        .sorted(Comparator.comparing((Pod p) -> !own.contains(p.namespace()))
                                .thenComparing(Pod::namespace)
                                .thenComparing(Pod::name))
                        .limit(SUGGESTED_PODS)
                        .map(p -> p.namespace() + "/" + p.name())
                        .toList());
        model.addAttribute(
                "namespaces",
                new TreeSet<>(state.pods().stream().map(Pod::namespace).toList()));
        model.addAttribute("errors", java.util.Map.of());
        if (!question.asked()) {
            return true;
        }
        FlowQuestion.Answer answer = question.read(state);
        model.addAttribute("errors", answer.errors());
        if (answer.flow() == null) {
            return false;
        }
        model.addAttribute(
                "explanation",
                FlowExplanation.of(answer.flow(), cluster.evaluate(answer.flow()), answer.notes(), words));
        return true;
    }
}
