package dev.tierdeck.flow.web;

import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ClusterUnavailableException;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.DirectionVerdict;
import dev.tierdeck.engine.eval.FlowVerdict;
import dev.tierdeck.engine.eval.Verdict;
import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowReplay;
import dev.tierdeck.flow.ReplayFlow;
import dev.tierdeck.flow.ReplaySet;
import dev.tierdeck.flow.Reporter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What the engine predicts for observed flows on the cluster's current policy, to mark where it disagrees with the
 * verdict Goldmane recorded. The side that reported a flow is compared: the source's egress verdict for
 * {@code Src}, the destination's ingress verdict for {@code Dst} (calico-semantics §2.1, §4.3).
 */
@Component
class FlowPredictions {

    /** The engine's view of one observed flow; {@code unmapped} explains a flow it cannot place. */
    record Prediction(
            @Nullable FlowAction predicted,
            boolean disagrees,
            @Nullable String unmapped) {}

    private final ObjectProvider<ClusterReader> cluster;

    FlowPredictions(ObjectProvider<ClusterReader> cluster) {
        this.cluster = cluster;
    }

    /** Predictions by flow (identity); empty when no cluster is available or it is still loading. */
    Map<FlowRecord, Prediction> predict(List<FlowRecord> flows) {
        Map<FlowRecord, Prediction> out = new IdentityHashMap<>();
        ClusterReader reader = cluster.getIfAvailable();
        if (reader == null || flows.isEmpty()) {
            return out;
        }
        // the compiled cluster the reader keeps current: never decoded and compiled per request
        CompiledCluster compiled;
        try {
            compiled = reader.compiled();
        } catch (ClusterUnavailableException loading) {
            return out;
        }
        ReplaySet replay = FlowReplay.map(flows, compiled.state());
        for (ReplaySet.Unmapped u : replay.unmapped()) {
            out.put(u.flow(), new Prediction(null, false, u.detail()));
        }
        for (ReplayFlow r : replay.flows()) {
            FlowVerdict verdict = compiled.evaluate(r.flow());
            for (FlowRecord observed : r.observed()) {
                DirectionVerdict side = observed.reporter() == Reporter.Src
                        ? verdict.enforced().egress()
                        : verdict.enforced().ingress();
                FlowAction predicted =
                        side == null || side.action() == Verdict.Allow ? FlowAction.Allow : FlowAction.Deny;
                out.put(observed, new Prediction(predicted, predicted != observed.action(), null));
            }
        }
        return out;
    }
}
