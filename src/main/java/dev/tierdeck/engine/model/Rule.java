package dev.tierdeck.engine.model;

import org.jspecify.annotations.Nullable;

/** One ingress or egress rule of a Calico policy (calico-semantics §1.3, §2.6). */
public record Rule(
        RuleAction action,
        @Nullable Integer ipVersion,
        @Nullable Protocol protocol,
        @Nullable Protocol notProtocol,
        @Nullable IcmpMatch icmp,
        @Nullable IcmpMatch notICMP,
        EntityRule source,
        EntityRule destination,
        @Nullable HttpMatch http) {

    /** A rule with only an action: matches every packet of its direction. */
    public static Rule of(RuleAction action) {
        return new Rule(action, null, null, null, null, null, EntityRule.EMPTY, EntityRule.EMPTY, null);
    }
}
