package dev.tierdeck.cluster;

import java.util.Set;

/**
 * Which Calico tiers are locked (only admins change them, through Tierdeck). Implemented by the module that manages
 * tiers; without an implementation no tier is locked.
 */
public interface LockedTierLookup {

    Set<String> lockedTiers();
}
