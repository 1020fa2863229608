package dev.tierdeck.engine.model;

import java.util.List;
import java.util.Map;

/** A namespaced Calico NetworkSet: labelled CIDRs that rule selectors match by IP (calico-semantics §2.8). */
public record NetworkSet(String namespace, String name, Map<String, String> labels, List<String> nets)
        implements ClusterObject {
    public NetworkSet {
        labels = Map.copyOf(labels);
        nets = List.copyOf(nets);
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey("NetworkSet", namespace, name);
    }
}
