package dev.tierdeck.assertion;

import java.util.List;

/** An assertion that cannot be stored as given; nothing was changed. Each problem names its field. */
class InvalidAssertionException extends RuntimeException {

    /**
     * @param field the field, e.g. {@code source.selector} or {@code ports[2]}; {@code namespace} for the scope; empty
     *     for the whole assertion
     * @param line the line of a YAML document where the problem lies, 0 when none applies
     */
    record FieldError(String field, String message, int line) {}

    private final List<FieldError> errors;

    InvalidAssertionException(List<FieldError> errors) {
        super(
                errors.isEmpty()
                        ? "invalid assertion"
                        : errors.getFirst().field() + ": " + errors.getFirst().message(),
                null,
                false,
                false);
        this.errors = List.copyOf(errors);
    }

    static InvalidAssertionException of(String field, String message) {
        return new InvalidAssertionException(List.of(new FieldError(field, message, 0)));
    }

    List<FieldError> errors() {
        return errors;
    }
}
