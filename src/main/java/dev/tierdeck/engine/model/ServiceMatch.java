package dev.tierdeck.engine.model;

import org.jspecify.annotations.Nullable;

/** {@code services} of an entity rule (a Kubernetes Service by name and namespace). */
public record ServiceMatch(String name, @Nullable String namespace) {}
