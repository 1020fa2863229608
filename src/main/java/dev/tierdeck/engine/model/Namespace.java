package dev.tierdeck.engine.model;

import java.util.Map;

/** A Kubernetes namespace and its labels. */
public record Namespace(String name, Map<String, String> labels) implements ClusterObject {
    public Namespace {
        labels = Map.copyOf(labels);
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey("Namespace", null, name);
    }
}
