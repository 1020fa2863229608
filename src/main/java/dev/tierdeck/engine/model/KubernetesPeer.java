package dev.tierdeck.engine.model;

import org.jspecify.annotations.Nullable;

/** One {@code from}/{@code to} entry of a Kubernetes NetworkPolicy rule. */
public record KubernetesPeer(
        @Nullable LabelSelector podSelector,
        @Nullable LabelSelector namespaceSelector,
        @Nullable IpBlock ipBlock) {}
