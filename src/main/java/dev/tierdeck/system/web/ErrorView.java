package dev.tierdeck.system.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * What an error page shows: a title and a sentence chosen by status (never the exception's message), and the
 * correlation id to quote when reporting it.
 */
record ErrorView(int status, String title, String message, String correlationId) {

    static ErrorView of(HttpStatus status, String correlationId) {
        return switch (status) {
            case BAD_REQUEST ->
                new ErrorView(400, "Bad request", "The request could not be understood.", correlationId);
            case UNAUTHORIZED -> new ErrorView(401, "Sign in required", "Sign in to continue.", correlationId);
            case FORBIDDEN ->
                new ErrorView(403, "Access denied", "Your roles do not give you access to this page.", correlationId);
            case NOT_FOUND -> new ErrorView(404, "Not found", "There is nothing at this address.", correlationId);
            case METHOD_NOT_ALLOWED ->
                new ErrorView(405, "Not allowed", "This address does not accept that kind of request.", correlationId);
            default ->
                status.is4xxClientError()
                        ? new ErrorView(
                                status.value(), status.getReasonPhrase(), "The request was refused.", correlationId)
                        : new ErrorView(
                                status.value(),
                                "Something went wrong",
                                "The portal could not complete this request. If it keeps happening, report it with"
                                        + " the reference below.",
                                correlationId);
        };
    }

    /** The same view with a message of the portal's own making (never an exception's or the request's text). */
    ErrorView saying(String message) {
        return new ErrorView(status, title, message, correlationId);
    }

    ProblemDetail problem(String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), message);
        problem.setTitle(title);
        try {
            problem.setInstance(URI.create(path));
        } catch (IllegalArgumentException notAUri) {
            // the path is echoed only when it is a valid URI reference
        }
        problem.setProperty("correlationId", correlationId);
        return problem;
    }
}
