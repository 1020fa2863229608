package dev.tierdeck.tenancy;

import java.util.List;

/**
 * How a tier is governed, as far as who may do what depends on it. Implemented by the admin console ({@code tier}),
 * which records it; it lives here because the console depends on this module, not the other way round. Read afresh
 * on every call, so that locking a tier takes effect on the next request.
 */
@FunctionalInterface
public interface TierFacts {

    /** The facts of {@code tier}; a tier nobody configured is unlocked, has no owners and is not confidential. */
    Facts of(String tier);

    /**
     * @param locked only members of {@code owners} change the tier or its policies (and decide changes to them)
     * @param owners groups whose members own a locked tier
     * @param developerTier developers write their namespaces' policies here
     * @param confidential only admins read its policies; everyone else learns the tier and the owner of a step
     */
    record Facts(boolean locked, List<String> owners, boolean developerTier, boolean confidential) {

        public Facts {
            owners = List.copyOf(owners);
        }

        /** What is assumed when nobody can say: locked to nobody and confidential, so that nothing is let through. */
        static final Facts UNKNOWN = new Facts(true, List.of(), false, true);
    }
}
