package dev.tierdeck.engine.model;

import org.jspecify.annotations.Nullable;

/** {@code icmp}/{@code notICMP} of a rule: type 0–254 and an optional code 0–255 (code requires type). */
public record IcmpMatch(@Nullable Integer type, @Nullable Integer code) {}
