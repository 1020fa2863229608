package dev.tierdeck.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which audit records to list or export. Every filter is optional (null: no restriction); they combine with "and".
 *
 * @param namespace records about objects in exactly this namespace
 * @param tier records about exactly this tier or objects in it
 * @param user records by the person with exactly this subject, or whose display name contains this text
 *     (ignoring case)
 * @param action exactly this action ({@code policy.promoted}) or every action of a family ({@code policy})
 * @param from records written at or after this instant
 * @param to records written before this instant
 */
public record AuditQuery(
        @Nullable String namespace,
        @Nullable String tier,
        @Nullable String user,
        @Nullable String action,
        @Nullable Instant from,
        @Nullable Instant to) {

    public AuditQuery {
        namespace = blankToNull(namespace);
        tier = blankToNull(tier);
        user = blankToNull(user);
        action = blankToNull(action);
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("audit query: from (" + from + ") is after to (" + to + ")");
        }
    }

    /** Every record. */
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null);
    }

    public AuditQuery withNamespace(@Nullable String namespace) {
        return new AuditQuery(namespace, tier, user, action, from, to);
    }

    public AuditQuery withTier(@Nullable String tier) {
        return new AuditQuery(namespace, tier, user, action, from, to);
    }

    public AuditQuery withUser(@Nullable String user) {
        return new AuditQuery(namespace, tier, user, action, from, to);
    }

    public AuditQuery withAction(@Nullable String action) {
        return new AuditQuery(namespace, tier, user, action, from, to);
    }

    public AuditQuery between(@Nullable Instant from, @Nullable Instant to) {
        return new AuditQuery(namespace, tier, user, action, from, to);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
