package dev.tierdeck.engine.model;

import java.util.Map;

/** A Kubernetes service account and its labels. */
public record ServiceAccount(String namespace, String name, Map<String, String> labels) implements ClusterObject {
    public ServiceAccount {
        labels = Map.copyOf(labels);
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey("ServiceAccount", namespace, name);
    }
}
