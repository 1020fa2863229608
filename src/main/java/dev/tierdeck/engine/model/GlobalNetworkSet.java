package dev.tierdeck.engine.model;

import java.util.List;
import java.util.Map;

/** A cluster-scoped Calico GlobalNetworkSet. */
public record GlobalNetworkSet(String name, Map<String, String> labels, List<String> nets) implements ClusterObject {
    public GlobalNetworkSet {
        labels = Map.copyOf(labels);
        nets = List.copyOf(nets);
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey("GlobalNetworkSet", null, name);
    }
}
