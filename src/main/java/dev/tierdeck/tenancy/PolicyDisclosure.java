package dev.tierdeck.tenancy;

import org.jspecify.annotations.Nullable;

/**
 * What one reader may learn about the policies that decide a flow (explanations, traces, preview evidence): a policy
 * they may {@linkplain Action#READ read} is named with its rule; any other is named only by its tier and its owner.
 * Obtained from {@link Permissions}; answers are kept for the life of the instance, so use one per request.
 */
public interface PolicyDisclosure {

    /** Whether the policy of {@code namespace} (null: global) in {@code tier} may be named, with its rules. */
    boolean shows(@Nullable String namespace, String tier);

    /**
     * Who owns such a policy, in words, for a step whose name is withheld: {@code team payments}, {@code teams a and
     * b}, {@code no team (namespace sandbox)}, or for a global policy the tier's owners ({@code the owners of tier
     * security, tierdeck-security-admins}) or {@code the platform and security admins}.
     */
    String owner(@Nullable String namespace, String tier);
}
