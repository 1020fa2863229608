package dev.tierdeck.tier;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A tier or guardrail request Tierdeck refuses, with the HTTP status it answers with and a message meant for the
 * user. {@code fields} names the rejected inputs of a 422.
 */
final class TierProblem extends RuntimeException {

    private final HttpStatus status;
    private final List<InvalidField> fields;

    private TierProblem(HttpStatus status, String message, List<InvalidField> fields) {
        super(message, null, false, false);
        this.status = status;
        this.fields = List.copyOf(fields);
    }

    static TierProblem invalid(List<InvalidField> fields) {
        return new TierProblem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                fields.size() == 1
                        ? "The field " + fields.get(0).field() + " is invalid: "
                                + fields.get(0).message()
                        : fields.size() + " fields are invalid.",
                fields);
    }

    static TierProblem notFound(String tier) {
        return new TierProblem(HttpStatus.NOT_FOUND, "There is no tier named " + tier + ".", List.of());
    }

    static TierProblem conflict(String message) {
        return new TierProblem(HttpStatus.CONFLICT, message, List.of());
    }

    static TierProblem unavailable(String message) {
        return new TierProblem(HttpStatus.SERVICE_UNAVAILABLE, message, List.of());
    }

    HttpStatus status() {
        return status;
    }

    List<InvalidField> fields() {
        return fields;
    }
}
