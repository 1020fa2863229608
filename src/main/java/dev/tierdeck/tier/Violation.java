package dev.tierdeck.tier;

/**
 * One guardrail a policy breaks.
 *
 * @param guardrail the guardrail's id, e.g. {@code egress-cidrs} (see {@link GuardrailRules})
 * @param field the path of the offending field, e.g. {@code spec.egress[0].destination.nets[0]}
 * @param severity whether it blocks the change or sends it for approval
 * @param message what is wrong, in words
 * @param fix how to satisfy the guardrail
 */
public record Violation(String guardrail, String field, Severity severity, String message, String fix) {

    public boolean blocks() {
        return severity == Severity.BLOCK;
    }
}
