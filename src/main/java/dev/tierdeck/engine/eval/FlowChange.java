package dev.tierdeck.engine.eval;

/** A flow whose enforced verdict a change flips, with both full verdicts (traces). */
public record FlowChange(Flow flow, FlowVerdict before, FlowVerdict after) {

    public boolean newlyDenied() {
        return after.action() == Verdict.Deny;
    }

    /** {@code egress}, {@code ingress} or {@code both}: which direction's enforced verdict changed. */
    public String direction() {
        boolean egress = changed(before.enforced().egress(), after.enforced().egress());
        boolean ingress = changed(before.enforced().ingress(), after.enforced().ingress());
        return egress && ingress ? "both" : egress ? "egress" : "ingress";
    }

    private static boolean changed(DirectionVerdict a, DirectionVerdict b) {
        return a != null && b != null && a.action() != b.action();
    }
}
