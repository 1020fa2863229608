package dev.tierdeck.engine.model;

/** Direction a policy applies to ({@code types} / {@code policyTypes}). */
public enum PolicyType {
    Ingress,
    Egress
}
