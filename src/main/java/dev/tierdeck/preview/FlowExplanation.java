package dev.tierdeck.preview;

import dev.tierdeck.engine.eval.DirectionVerdict;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowVerdict;
import dev.tierdeck.engine.eval.PolicyHit;
import dev.tierdeck.engine.eval.Trace;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A verdict as the explain page shows it: for the enforced and the pending state, the verdict, a sentence, and each
 * direction's decisive steps with tier, policy, rule and action. Policy names and rule numbers only, never content;
 * for a policy the reader may not read, its tier and owner only.
 *
 * @param flow what was asked, e.g. {@code checkout/web-0 → payments/api-0 TCP/8080}
 * @param pendingDiffers whether staged policies would change anything
 */
record FlowExplanation(String flow, List<String> notes, State enforced, State pending, boolean pendingDiffers) {

    /** One evaluation mode. */
    record State(String title, String action, String sentence, List<Direction> directions) {}

    /** The states worth showing: the enforced one, and the pending one when staged policies change something. */
    public List<State> shown() {
        return pendingDiffers ? List.of(enforced, pending) : List.of(enforced);
    }

    /** Egress at the source or ingress at the destination. */
    record Direction(String title, String action, List<Step> steps) {}

    /**
     * A decisive step of the trace.
     *
     * @param policy {@code namespace/name}, or who owns it when it is withheld
     * @param rule "rule 2" (counting from 1), "end of tier" or "profile"; empty when withheld
     * @param ruleIndex the trace's index, -1 when withheld
     * @param withheld the reader may not read the policy: name, rule and content are left out
     */
    record Step(
            String tier,
            String kind,
            String policy,
            String rule,
            int ruleIndex,
            String action,
            String words,
            boolean withheld) {}

    static FlowExplanation of(Flow flow, FlowVerdict verdict, List<String> notes, TraceWords words) {
        String asked = flow.source() + " → " + flow.destination() + " " + flow.protocol()
                + (flow.port() == null ? "" : "/" + flow.port());
        return new FlowExplanation(
                asked,
                notes,
                state("Enforced today", flow, verdict.enforced(), words),
                state("Pending, with every staged policy in force", flow, verdict.pending(), words),
                !verdict.enforced().equals(verdict.pending()));
    }

    private static State state(String title, Flow flow, Trace trace, TraceWords words) {
        List<Direction> directions = new ArrayList<>();
        direction("Egress from " + flow.source(), "egress", trace.egress(), words, directions);
        direction("Ingress to " + flow.destination(), "ingress", trace.ingress(), words, directions);
        String sentence = words.trace(flow, trace);
        return new State(
                title,
                trace.action().name(),
                Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1) + ".",
                directions);
    }

    private static void direction(
            String title, String name, @Nullable DirectionVerdict verdict, TraceWords words, List<Direction> out) {
        if (verdict == null) {
            return;
        }
        List<Step> steps = new ArrayList<>();
        for (PolicyHit hit : verdict.hits()) {
            boolean shown = words.shows(hit);
            String rule = switch (hit.kind()) {
                case PolicyHit.END_OF_TIER -> "end of tier";
                case PolicyHit.PROFILE -> "profile";
                default -> shown ? name + " rule " + (hit.ruleIndex() + 1) : "";
            };
            steps.add(new Step(
                    hit.tier().isEmpty() ? "(profile)" : hit.tier(),
                    hit.kind(),
                    words.policy(hit),
                    rule,
                    shown ? hit.ruleIndex() : -1,
                    hit.action().name(),
                    words.hit(name, hit),
                    !shown));
        }
        out.add(new Direction(title, verdict.action().name(), steps));
    }
}
