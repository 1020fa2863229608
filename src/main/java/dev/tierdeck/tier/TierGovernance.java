package dev.tierdeck.tier;

import dev.tierdeck.identity.CurrentUser;
import java.util.Set;

/**
 * Who may change which tier. Every answer is read afresh from the database, so locking a tier or changing its
 * owners takes effect on the next request. Other modules call this before writing a policy into a tier (the form
 * editor, YAML import, promotion); the cluster's drift detection reads the locked tiers through it.
 */
public interface TierGovernance {

    /** Whether the tier is locked; unknown tiers are not. */
    boolean isLocked(String tier);

    /**
     * Whether {@code user} may change the tier itself or add, edit or delete policies in it: a platform or security
     * admin, and for a locked tier one who belongs to one of its owner groups.
     */
    boolean mayEdit(CurrentUser user, String tier);

    /**
     * Whether {@code user} may add, change or delete policies in the tier (the form editor, YAML import and promotion
     * ask this): admins as {@link #mayEdit}; developers only in an unlocked developer tier (namespace ownership is
     * checked separately, through tenancy); viewers never.
     */
    boolean mayWritePolicies(CurrentUser user, String tier);

    /** The tiers developers write in (configured {@code tierdeck.tier.developer-tiers} unless changed per tier). */
    Set<String> developerTiers();

    /** The tier's governance settings (defaults for a tier nobody configured). */
    TierSettings settings(String tier);
}
