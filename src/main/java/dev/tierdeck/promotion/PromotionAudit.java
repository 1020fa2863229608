package dev.tierdeck.promotion;

import dev.tierdeck.audit.Actor;
import dev.tierdeck.audit.AuditEntry;
import dev.tierdeck.audit.AuditLog;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.preview.ImpactPreview;
import dev.tierdeck.system.CorrelationId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Audit records of stages, promotions, approvals and deletions; called last inside the change's transaction. */
@Component
class PromotionAudit {

    private final AuditLog audit;

    PromotionAudit(AuditLog audit) {
        this.audit = audit;
    }

    void record(
            CurrentUser user,
            String action,
            PolicyRef ref,
            String tier,
            @Nullable String reason,
            @Nullable String before,
            @Nullable String after,
            @Nullable ImpactPreview impact) {
        audit.record(AuditEntry.builder(Actor.of(user), action)
                .target(PolicyManifests.kindName(ref), ref.namespace(), ref.name())
                .tier(tier)
                .reason(reason == null || reason.isBlank() ? null : reason.trim())
                .change(before, after)
                .impactJson(impact == null ? null : ImpactEvidence.json(impact))
                .correlationId(CorrelationId.current().orElse(null))
                .build());
    }
}
