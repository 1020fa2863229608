package dev.tierdeck.tier;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * One saved version of the guardrails. Version 0 is the built-in default, in force until an admin saves one.
 *
 * @param createdBy display name and username of the admin who saved it
 * @param comment why it changed, as the admin wrote it
 */
public record GuardrailVersion(int version, GuardrailRules rules, Instant createdAt, String createdBy, String comment) {

    /** What each guardrail of this version measures, in words (served with the version, never stored). */
    @JsonProperty("descriptions")
    public List<GuardrailDescription> descriptions() {
        return GuardrailDescriptions.of(rules);
    }

    static GuardrailVersion builtIn() {
        return new GuardrailVersion(0, GuardrailRules.DEFAULTS, Instant.EPOCH, "Tierdeck", "Built-in defaults");
    }
}
