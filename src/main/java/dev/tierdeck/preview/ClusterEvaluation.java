package dev.tierdeck.preview;

import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.engine.eval.CompiledCluster;
import org.springframework.stereotype.Component;

/**
 * The current cluster compiled for evaluation: the one the cluster reader keeps current as the cluster changes
 * (derived per change, not compiled per request).
 */
@Component
class ClusterEvaluation {

    private final ClusterReader reader;

    ClusterEvaluation(ClusterReader reader) {
        this.reader = reader;
    }

    CompiledCluster current() {
        return reader.compiled();
    }
}
