/**
 * The admin console's governance: Calico tiers with how they are governed ({@link dev.tierdeck.tier.TierGovernance},
 * also offered to the permission model as {@link dev.tierdeck.tenancy.TierFacts}), and the guardrails every developer
 * policy must satisfy ({@link dev.tierdeck.tier.Guardrails}, {@link dev.tierdeck.tier.GuardrailCheck}). Pages under
 * {@code /admin/tiers} and {@code /admin/guardrails}, REST under {@code /api/v1/tiers} and {@code /api/v1/guardrails};
 * every route asks {@link dev.tierdeck.tenancy.Permissions} to administer the portal or the tier, which platform and
 * security admins may (locked tiers: their owners).
 */
@NullMarked
package dev.tierdeck.tier;

import org.jspecify.annotations.NullMarked;
