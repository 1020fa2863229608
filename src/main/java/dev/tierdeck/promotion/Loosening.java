package dev.tierdeck.promotion;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.ChangeKind;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyProblem;
import dev.tierdeck.preview.ImpactPreview;
import dev.tierdeck.tier.Guardrails;
import dev.tierdeck.tier.LooseningGuardrail;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The loosening guardrail on a change's impact: what a withdrawal, a rollback (or, when so configured, any change)
 * newly allows of the observed traffic denied today. Like the other guardrails it judges developers' changes; admins
 * pass it.
 */
@Component
class Loosening {

    private final Guardrails guardrails;
    private final InForce inForce;

    Loosening(Guardrails guardrails, InForce inForce) {
        this.guardrails = guardrails;
        this.inForce = inForce;
    }

    /** Whether the guardrail measures this change at all: asked before the preview, which is the slow part. */
    boolean measures(CurrentUser user, PolicyDraft draft, ChangeKind change) {
        return !user.isAdmin()
                && LooseningGuardrail.applies(
                        guardrails.current().rules().loosening(), of(change), inForce.approved(draft));
    }

    /** The finding, as the other guardrails report theirs; empty when nothing denied today would be allowed. */
    Optional<PolicyProblem> finding(CurrentUser user, PolicyDraft draft, ChangeKind change, ImpactPreview impact) {
        if (user.isAdmin()) {
            return Optional.empty();
        }
        List<String> examples = impact.changes().stream()
                .filter(c -> "Allow".equals(c.after()))
                .map(c -> c.source() + " → " + c.destination() + " " + c.protocol() + " " + c.port())
                .toList();
        return LooseningGuardrail.check(
                        guardrails.current().rules().loosening(),
                        of(change),
                        inForce.approved(draft),
                        impact.newlyAllowed(),
                        examples)
                .map(v -> new PolicyProblem(
                        v.field(),
                        "Guardrail " + v.guardrail() + ": " + v.message() + " Fix: " + v.fix(),
                        v.guardrail(),
                        v.blocks()));
    }

    private static LooseningGuardrail.Change of(ChangeKind change) {
        return switch (change) {
            case WITHDRAWAL -> LooseningGuardrail.Change.WITHDRAWAL;
            case ROLLBACK -> LooseningGuardrail.Change.ROLLBACK;
            case EDIT, ADOPTION -> LooseningGuardrail.Change.OTHER;
        };
    }
}
