package dev.tierdeck.engine.model;

import org.jspecify.annotations.Nullable;

/**
 * One {@code ports} entry of a Kubernetes NetworkPolicy rule.
 *
 * @param protocol {@code null} when omitted (TCP)
 * @param port a number, a named port, or {@code null} (all ports of the protocol)
 * @param endPort end of a numeric range
 */
public record KubernetesPort(
        @Nullable Protocol protocol,
        @Nullable Port port,
        @Nullable Integer endPort) {}
