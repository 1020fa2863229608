package dev.tierdeck.cluster;

import java.util.Set;

/**
 * Which Calico tiers are locked (only admins change them, through Tierdeck). Implemented by the module that manages
 * tiers; without an implementation no tier is locked.
 */
public interface LockedTierLookup {

    Set<String> lockedTiers();

    /** The groups whose members may change a locked tier and restore its objects; none unless implemented. */
    default Set<String> ownerGroups(String tier) {
        return Set.of();
    }
}
