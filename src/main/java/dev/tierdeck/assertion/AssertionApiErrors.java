package dev.tierdeck.assertion;

import dev.tierdeck.cluster.ClusterUnavailableException;
import dev.tierdeck.system.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem documents (RFC 9457) for the assertion API; 422s list every rejected field under {@code fields}. */
@RestControllerAdvice(assignableTypes = AssertionApiController.class)
class AssertionApiErrors {

    @ExceptionHandler(InvalidAssertionException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidAssertionException e, HttpServletRequest request) {
        List<Map<String, Object>> fields = e.errors().stream()
                .map(f -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("field", f.field());
                    m.put("message", f.message());
                    if (f.line() > 0) {
                        m.put("line", f.line());
                    }
                    return m;
                })
                .toList();
        return ProblemResponses.respond(
                request,
                HttpStatus.UNPROCESSABLE_CONTENT,
                "The assertion cannot be stored as given; nothing was changed.",
                "fields",
                fields);
    }

    @ExceptionHandler(AssertionApiController.BadBody.class)
    ResponseEntity<ProblemDetail> badBody(AssertionApiController.BadBody e, HttpServletRequest request) {
        return ProblemResponses.respond(request, HttpStatus.BAD_REQUEST, e.getMessage(), "fields", List.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e, HttpServletRequest request) {
        return ProblemResponses.respond(request, HttpStatus.FORBIDDEN, e.getMessage(), "fields", List.of());
    }

    @ExceptionHandler(Assertions.NotFound.class)
    ResponseEntity<ProblemDetail> missing(Assertions.NotFound e, HttpServletRequest request) {
        return ProblemResponses.respond(request, HttpStatus.NOT_FOUND, e.getMessage(), "fields", List.of());
    }

    @ExceptionHandler(Assertions.Conflict.class)
    ResponseEntity<ProblemDetail> conflict(Assertions.Conflict e, HttpServletRequest request) {
        return ProblemResponses.respond(request, HttpStatus.CONFLICT, e.getMessage(), "fields", List.of());
    }

    @ExceptionHandler(ClusterUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(ClusterUnavailableException e, HttpServletRequest request) {
        return ProblemResponses.respond(request, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), "fields", List.of());
    }
}
