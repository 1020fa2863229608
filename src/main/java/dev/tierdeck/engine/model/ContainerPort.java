package dev.tierdeck.engine.model;

import org.jspecify.annotations.Nullable;

/** A declared container port; only named ones take part in named-port matching (calico-semantics §2.7). */
public record ContainerPort(@Nullable String name, int port, Protocol protocol) {}
