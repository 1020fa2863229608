/**
 * The admin console's governance: Calico tiers with who may change them ({@link dev.tierdeck.tier.TierGovernance}),
 * and the guardrails every developer policy must satisfy ({@link dev.tierdeck.tier.Guardrails},
 * {@link dev.tierdeck.tier.GuardrailCheck}). Pages under {@code /admin/tiers} and {@code /admin/guardrails}, REST
 * under {@code /api/v1/tiers} and {@code /api/v1/guardrails}; all of them for platform and security admins only.
 */
@NullMarked
package dev.tierdeck.tier;

import org.jspecify.annotations.NullMarked;
