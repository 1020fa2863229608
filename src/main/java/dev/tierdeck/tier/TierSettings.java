package dev.tierdeck.tier;

import java.util.List;

/**
 * What Tierdeck records about a tier beyond Calico's own fields.
 *
 * @param locked only members of {@code owners} may change the tier or its policies
 * @param owners groups (of the groups claim) whose members may change the tier while it is locked, sorted
 * @param developerTier developers write their policies in this tier
 * @param purpose what the tier is for, shown to everyone who sees it
 * @param confidential developers see a summary of its policies, never their content
 */
public record TierSettings(
        boolean locked, List<String> owners, boolean developerTier, String purpose, boolean confidential) {

    public TierSettings {
        owners = owners.stream().sorted().distinct().toList();
    }
}
