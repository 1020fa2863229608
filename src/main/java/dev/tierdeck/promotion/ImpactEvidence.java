package dev.tierdeck.promotion;

import dev.tierdeck.engine.eval.Change;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.preview.ImpactPreview;
import dev.tierdeck.preview.ImpactPreviews;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The impact of putting a draft in force (or of withdrawing it), over the last 24 hours of observed flows: shown
 * before a promotion or a withdrawal and kept as evidence with approvals, promotions and the audit trail.
 */
@Component
class ImpactEvidence {

    static final Duration WINDOW = Duration.ofHours(24);

    private final ImpactPreviews previews;
    private final Clock clock;

    ImpactEvidence(ImpactPreviews previews) {
        this.previews = previews;
        this.clock = Clock.systemUTC();
    }

    ImpactPreview of(CalicoPolicy policy) {
        return over(new Change(List.of(policy), List.of()), policy);
    }

    /** The impact of taking the enforced policy of that kind and name out of the cluster. */
    ImpactPreview ofWithdrawal(CalicoPolicy policy) {
        return over(new Change(List.of(), List.of(policy.key())), policy);
    }

    private ImpactPreview over(Change change, CalicoPolicy policy) {
        Instant to = clock.instant();
        // platform (global) policies may touch every namespace, so they are previewed against every flow
        return previews.preview(
                change, policy.namespace() == null ? null : List.of(policy.namespace()), to.minus(WINDOW), to);
    }

    static String json(ImpactPreview preview) {
        return ApprovalStore.JSON.writeValueAsString(preview);
    }
}
