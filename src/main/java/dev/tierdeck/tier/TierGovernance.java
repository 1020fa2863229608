package dev.tierdeck.tier;

import java.util.Set;

/**
 * How each tier is governed: locked or not, its owners, whether developers write in it, whether it is confidential.
 * Every answer is read afresh from the database, so locking a tier or changing its owners takes effect on the next
 * request. Who may do what with a tier or its policies is decided by {@link dev.tierdeck.tenancy.Permissions}, which
 * reads these facts through {@link dev.tierdeck.tenancy.TierFacts}.
 */
public interface TierGovernance {

    /** Whether the tier is locked; unknown tiers are not. */
    boolean isLocked(String tier);

    /** The tiers developers write in (configured {@code tierdeck.tier.developer-tiers} unless changed per tier). */
    Set<String> developerTiers();

    /** The tier's governance settings (defaults for a tier nobody configured). */
    TierSettings settings(String tier);
}
