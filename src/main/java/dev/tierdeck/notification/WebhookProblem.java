package dev.tierdeck.notification;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A refused webhook request: the status, a sentence, and each rejected field by name. */
final class WebhookProblem extends RuntimeException {

    /** One rejected field: {@code url}, {@code eventTypes[1]}, ... */
    record Field(String field, String message) {}

    private final HttpStatus status;
    private final List<Field> fields;

    WebhookProblem(HttpStatus status, String message, List<Field> fields) {
        super(message);
        this.status = status;
        this.fields = List.copyOf(fields);
    }

    static WebhookProblem invalid(List<Field> fields) {
        return new WebhookProblem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "The webhook was not saved: "
                        + fields.stream()
                                .map(f -> f.field() + ": " + f.message())
                                .reduce((a, b) -> a + " " + b)
                                .orElse(""),
                fields);
    }

    static WebhookProblem notFound(long id) {
        return new WebhookProblem(HttpStatus.NOT_FOUND, "There is no webhook " + id + ".", List.of());
    }

    HttpStatus status() {
        return status;
    }

    List<Field> fields() {
        return fields;
    }
}
