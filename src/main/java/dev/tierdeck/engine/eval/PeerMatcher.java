package dev.tierdeck.engine.eval;

import org.jspecify.annotations.Nullable;

/**
 * The identity part of one side of a rule: either "the address belongs to a member" (selector, scoped, with any
 * notSelector folded in) or, for a notSelector without positive selector, "the address belongs to no member of the
 * notSelector" (calico-semantics §2.6, §2.8). Members are resolved lazily, once, and shared between equal specs.
 */
final class PeerMatcher {

    private final MemberSpec spec;
    private final boolean negated;
    private final MemberCache cache;
    private volatile MemberSpec.@Nullable Members members;

    PeerMatcher(MemberSpec spec, boolean negated, MemberCache cache) {
        this.spec = spec;
        this.negated = negated;
        this.cache = cache;
    }

    MemberSpec spec() {
        return spec;
    }

    boolean negated() {
        return negated;
    }

    MemberSpec.Members members() {
        MemberSpec.Members m = members;
        if (m == null) {
            m = cache.resolve(spec);
            members = m;
        }
        return m;
    }

    boolean matches(int pod, int[] netsets) {
        return members().contains(pod, netsets) != negated;
    }
}
