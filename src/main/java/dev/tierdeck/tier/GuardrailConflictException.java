package dev.tierdeck.tier;

/** The guardrails were saved by someone else since the admin loaded them. */
final class GuardrailConflictException extends RuntimeException {

    GuardrailConflictException(int edited, int current) {
        super(
                "You edited version " + edited + ", but version " + current
                        + " has been saved since. Reload the guardrails and apply your change again.",
                null,
                false,
                false);
    }
}
