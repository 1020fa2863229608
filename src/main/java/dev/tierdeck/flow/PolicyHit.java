package dev.tierdeck.flow;

import org.jspecify.annotations.Nullable;

/**
 * One decisive step of a flow's enforced or pending trace (calico-semantics §4.3). For {@link
 * PolicyHitKind#EndOfTier} the rule index is -1 and {@code trigger} names the policy that selected the
 * endpoint; otherwise {@code trigger} is {@code null}. {@code namespace} is {@code null} for cluster-scoped
 * policies; {@code tier} is empty for profiles. {@code action} is {@code null} only in a trigger, which names a
 * policy without a rule of its own deciding.
 */
public record PolicyHit(
        PolicyHitKind kind,
        @Nullable String namespace,
        String name,
        String tier,
        @Nullable FlowAction action,
        int policyIndex,
        int ruleIndex,
        @Nullable PolicyHit trigger) {}
