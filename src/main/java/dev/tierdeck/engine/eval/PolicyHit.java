package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.RuleAction;
import org.jspecify.annotations.Nullable;

/**
 * One decisive step of a trace, shaped like a Calico flow-log policy hit.
 *
 * @param tier the tier, {@code ""} for a profile
 * @param kind a policy kind name, {@code EndOfTier} or {@code Profile}
 * @param namespace the policy's namespace, {@code null} when cluster-scoped
 * @param name the policy (for EndOfTier the trigger policy; for a profile {@code kns.<ns>})
 * @param ruleIndex index in the policy's ingress or egress rules; -1 for EndOfTier, 0 for a profile
 * @param action Allow, Deny or Pass
 */
public record PolicyHit(
        String tier, String kind, @Nullable String namespace, String name, int ruleIndex, RuleAction action) {

    public static final String END_OF_TIER = "EndOfTier";
    public static final String PROFILE = "Profile";
}
