package dev.tierdeck.assertion;

import org.jspecify.annotations.Nullable;

/**
 * An assertion a draft would violate, tied to the draft's field that causes it.
 *
 * @param field the draft's rule that decides the contradicting example, e.g. {@code spec.ingress[1]}; the direction
 *     ({@code spec.egress}) when the draft's tier ends with no rule matching; {@code spec} when the draft changes the
 *     verdict without deciding it itself (it no longer passes on, say, and a later tier decides)
 * @param message the assertion, the example and its trace in words, as far as the reader may see them
 * @param assertion the assertion's name, or null when the reader may not read the assertion (another team's)
 * @param scope {@code global} or the assertion's namespace
 * @param blocking true when the draft makes the assertion fail (it holds today, or the draft decides the example);
 *     false for an assertion already violated today by something the draft does not decide
 */
public record AssertionFinding(
        String field, String message, @Nullable String assertion, String scope, boolean blocking) {}
