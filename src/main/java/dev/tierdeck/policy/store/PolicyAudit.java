package dev.tierdeck.policy.store;

import dev.tierdeck.audit.Actor;
import dev.tierdeck.audit.AuditEntry;
import dev.tierdeck.audit.AuditLog;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.system.CorrelationId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Audit records of draft changes, with the policy's YAML before and after and its namespace and tier filled in so
 * that the audit screen's filters find them. Called inside the transaction of the change, after the row is written.
 */
@Component
class PolicyAudit {

    private final AuditLog audit;

    PolicyAudit(AuditLog audit) {
        this.audit = audit;
    }

    void record(
            CurrentUser user,
            String action,
            PolicyRef ref,
            String kind,
            String tier,
            @Nullable String reason,
            @Nullable String before,
            @Nullable String after) {
        audit.record(AuditEntry.builder(Actor.of(user), action)
                .target(kind, ref.namespace(), ref.name())
                .tier(tier)
                .reason(reason == null || reason.isBlank() ? null : reason.trim())
                .change(before, after)
                .correlationId(CorrelationId.current().orElse(null))
                .build());
    }
}
