package dev.tierdeck.policy.namespace;

import dev.tierdeck.tier.TierSettings;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One tier of a namespace's effective policy stack, with the policies of the tier that apply to the namespace's
 * pods, in evaluation order.
 *
 * @param order {@code null} when the tier has none (evaluated after every tier with one)
 * @param settings the tier's governance: owners, purpose, locked, confidential
 * @param writable the viewing user may write policies in this tier (for this namespace)
 */
public record StackTier(
        String name,
        @Nullable Double order,
        String defaultAction,
        TierSettings settings,
        boolean writable,
        List<StackPolicy> policies) {

    public StackTier {
        policies = List.copyOf(policies);
    }

    /** The order as people write it: {@code 100}, {@code 2.5}, or empty for none. */
    public String orderText() {
        return StackPolicy.format(order);
    }
}
