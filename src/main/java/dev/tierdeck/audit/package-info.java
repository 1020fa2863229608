/**
 * The audit trail: an append-only, hash-chained record of every change anyone makes through the portal.
 *
 * <p>Modules record their changes through {@link dev.tierdeck.audit.AuditLog#record(AuditEntry)}, inside the
 * transaction that makes the change, so both commit or neither does:
 *
 * <pre>{@code
 * @Transactional
 * void lock(String tier, CurrentUser user, String reason) {
 *     String before = tiers.yamlOf(tier);
 *     tiers.lock(tier);
 *     auditLog.record(AuditEntry.builder(Actor.of(user), "tier.locked")
 *             .target("Tier", null, tier)
 *             .tier(tier)
 *             .reason(reason)
 *             .change(before, tiers.yamlOf(tier))
 *             .correlationId(CorrelationId.current().orElse(null))
 *             .build());
 * }
 * }</pre>
 *
 * <p>The sub-package {@code web} holds the audit screen ({@code /admin/audit}) and the REST API
 * ({@code /api/v1/audit}); both are for platform and security admins only.
 */
@NullMarked
package dev.tierdeck.audit;

import org.jspecify.annotations.NullMarked;
