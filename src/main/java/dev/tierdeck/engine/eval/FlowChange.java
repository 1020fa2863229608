package dev.tierdeck.engine.eval;

/**
 * A flow whose enforced verdict a change flips. The full verdicts with traces are computed when first asked for,
 * so that a change flipping many flows stays cheap until someone looks at the details.
 */
public final class FlowChange {

    private final Flow flow;
    private final Verdict beforeAction;
    private final CompiledCluster beforeCluster;
    private final CompiledCluster afterCluster;
    private final FlowContext beforeContext;
    private final FlowContext afterContext;
    private volatile FlowVerdict before;
    private volatile FlowVerdict after;

    FlowChange(
            Flow flow,
            Verdict beforeAction,
            CompiledCluster beforeCluster,
            CompiledCluster afterCluster,
            FlowContext beforeContext,
            FlowContext afterContext) {
        this.flow = flow;
        this.beforeAction = beforeAction;
        this.beforeCluster = beforeCluster;
        this.afterCluster = afterCluster;
        this.beforeContext = beforeContext;
        this.afterContext = afterContext;
    }

    public Flow flow() {
        return flow;
    }

    /** The enforced verdict before the change. */
    public Verdict beforeAction() {
        return beforeAction;
    }

    /** The enforced verdict with the change applied (always the other verdict). */
    public Verdict afterAction() {
        return beforeAction == Verdict.Allow ? Verdict.Deny : Verdict.Allow;
    }

    /** The full verdict, with traces, before the change. */
    public FlowVerdict before() {
        FlowVerdict v = before;
        if (v == null) {
            v = new FlowVerdict(
                    flow.id(), beforeCluster.trace(beforeContext, false), beforeCluster.trace(beforeContext, true));
            before = v;
        }
        return v;
    }

    /** The full verdict, with traces, with the change applied. */
    public FlowVerdict after() {
        FlowVerdict v = after;
        if (v == null) {
            v = new FlowVerdict(
                    flow.id(), afterCluster.trace(afterContext, false), afterCluster.trace(afterContext, true));
            after = v;
        }
        return v;
    }

    public boolean newlyDenied() {
        return afterAction() == Verdict.Deny;
    }

    /** {@code egress}, {@code ingress} or {@code both}: which direction's enforced verdict changed. */
    public String direction() {
        boolean egress =
                changed(before().enforced().egress(), after().enforced().egress());
        boolean ingress =
                changed(before().enforced().ingress(), after().enforced().ingress());
        return egress && ingress ? "both" : egress ? "egress" : "ingress";
    }

    private static boolean changed(DirectionVerdict a, DirectionVerdict b) {
        return a != null && b != null && a.action() != b.action();
    }

    @Override
    public String toString() {
        return "FlowChange[" + flow.id() + " " + beforeAction + " -> " + afterAction() + "]";
    }
}
