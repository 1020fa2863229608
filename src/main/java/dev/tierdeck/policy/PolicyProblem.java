package dev.tierdeck.policy;

import org.jspecify.annotations.Nullable;

/**
 * Something wrong with a policy, tied to the field it concerns.
 *
 * @param field the manifest path, e.g. {@code spec.egress[1].destination.nets[0]} or {@code metadata.name}
 * @param message what is wrong, in words a developer understands
 * @param guardrail the guardrail that raised it, null for validation and permission problems
 * @param blocking true when it stops the change; false when it only requires an approver
 */
public record PolicyProblem(
        String field, String message, @Nullable String guardrail, boolean blocking) {}
