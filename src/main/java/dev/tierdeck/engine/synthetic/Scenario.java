package dev.tierdeck.engine.synthetic;

import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.reference.ReferenceFlow;
import java.util.List;

/** A generated cluster and the flows to evaluate against it. */
public record Scenario(long seed, List<ClusterObject> objects, List<ReferenceFlow> flows) {

    public Scenario {
        objects = List.copyOf(objects);
        flows = List.copyOf(flows);
    }

    public ClusterState state() {
        return ClusterState.of(objects);
    }
}
