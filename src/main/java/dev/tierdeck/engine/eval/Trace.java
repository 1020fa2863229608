package dev.tierdeck.engine.eval;

import org.jspecify.annotations.Nullable;

/**
 * Both directions of a flow for one evaluation mode; a direction is {@code null} when that side is not a pod
 * (it has no policy of its own).
 */
public record Trace(
        @Nullable DirectionVerdict egress, @Nullable DirectionVerdict ingress) {

    /** Allowed only when every present direction allows (calico-semantics §2.1 step 6). */
    public Verdict action() {
        boolean allowed = (egress == null || egress.action() == Verdict.Allow)
                && (ingress == null || ingress.action() == Verdict.Allow);
        return allowed ? Verdict.Allow : Verdict.Deny;
    }
}
