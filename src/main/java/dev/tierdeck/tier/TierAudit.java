package dev.tierdeck.tier;

import dev.tierdeck.audit.Actor;
import dev.tierdeck.audit.AuditEntry;
import dev.tierdeck.audit.AuditLog;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.system.CorrelationId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Audit records of tier and guardrail changes, with the state before and after as YAML. Called last inside the
 * transaction of the change (after the cluster write), as the audit log asks.
 */
@Component
class TierAudit {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final AuditLog audit;

    TierAudit(AuditLog audit) {
        this.audit = audit;
    }

    void tier(
            CurrentUser user,
            String action,
            String tier,
            @Nullable TierView before,
            @Nullable TierView after,
            @Nullable String reason) {
        audit.record(entry(user, action, tier, before, after, reason));
    }

    /** The record of a tier change, built (and so checked) before the change is made. */
    AuditEntry entry(
            CurrentUser user,
            String action,
            String tier,
            @Nullable TierView before,
            @Nullable TierView after,
            @Nullable String reason) {
        return AuditEntry.builder(Actor.of(user), action)
                .target("Tier", null, tier)
                .tier(tier)
                .reason(blankToNull(reason))
                .change(before == null ? null : yaml(before), after == null ? null : yaml(after))
                .correlationId(CorrelationId.current().orElse(null))
                .build();
    }

    void guardrails(CurrentUser user, GuardrailVersion before, GuardrailVersion after) {
        audit.record(AuditEntry.builder(Actor.of(user), "guardrail.updated")
                .target("Guardrails", null, "version " + after.version())
                .reason(after.comment())
                .change(YAML.writeValueAsString(before.rules()), YAML.writeValueAsString(after.rules()))
                .correlationId(CorrelationId.current().orElse(null))
                .build());
    }

    /** The tier as Calico sees it plus Tierdeck's governance, in one document. */
    static String yaml(TierView tier) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", tier.name());
        doc.put("order", tier.order());
        doc.put("defaultAction", tier.defaultAction());
        TierSettings s = tier.settings();
        doc.put("locked", s.locked());
        doc.put("owners", s.owners());
        doc.put("developerTier", s.developerTier());
        doc.put("purpose", s.purpose());
        doc.put("confidential", s.confidential());
        return YAML.writeValueAsString(doc);
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
