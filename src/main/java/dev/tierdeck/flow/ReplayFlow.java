package dev.tierdeck.flow;

import dev.tierdeck.engine.eval.Flow;
import java.util.List;

/**
 * A connection to replay through the engine and the stored flows it stands for: Goldmane usually reports a
 * connection twice (by the source and by the destination), and several aggregated records can land on the same
 * representative pods.
 */
public record ReplayFlow(Flow flow, List<FlowRecord> observed) {

    public ReplayFlow {
        observed = List.copyOf(observed);
    }

    /** Connections started over all the observed records. */
    public long connections() {
        return observed.stream().mapToLong(f -> f.counts().connectionsStarted()).sum();
    }
}
