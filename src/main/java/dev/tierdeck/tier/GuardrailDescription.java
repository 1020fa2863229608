package dev.tierdeck.tier;

/**
 * What one guardrail measures, with the parameters in force.
 *
 * @param id the guardrail's id, as violations name it
 * @param measures the measure in words, e.g. "Trips when the egress Allow rules ... reach more public IPv4 addresses
 *     than one /8 holds"
 */
public record GuardrailDescription(String id, String measures) {}
