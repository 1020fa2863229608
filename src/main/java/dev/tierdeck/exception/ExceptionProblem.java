package dev.tierdeck.exception;

import org.jspecify.annotations.Nullable;

/**
 * A request about exceptions that cannot be carried out as asked, with the field at fault when there is one. Screens
 * show the message at the field; the API answers with a problem document of the kind's status.
 */
final class ExceptionProblem extends RuntimeException {

    enum Kind {
        /** 400: the request cannot be read. */
        BAD_REQUEST,
        /** 404: no such exception, or none the caller may see. */
        NOT_FOUND,
        /** 409: the exception is not in a state that allows it. */
        CONFLICT,
        /** 422: readable, but not acceptable (a field's value, a flow nothing denies). */
        INVALID
    }

    private final Kind kind;
    private final @Nullable String field;

    ExceptionProblem(Kind kind, String message, @Nullable String field) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    static ExceptionProblem invalid(String field, String message) {
        return new ExceptionProblem(Kind.INVALID, message, field);
    }

    Kind kind() {
        return kind;
    }

    @Nullable
    String field() {
        return field;
    }
}
