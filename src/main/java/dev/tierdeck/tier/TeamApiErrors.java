package dev.tierdeck.tier;

import dev.tierdeck.system.ProblemResponses;
import dev.tierdeck.tenancy.TeamField;
import dev.tierdeck.tenancy.TeamRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem documents (RFC 9457) for the team API; 422s list every rejected field under {@code fields}. */
@RestControllerAdvice(assignableTypes = TeamApiController.class)
class TeamApiErrors {

    @ExceptionHandler(TeamRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(TeamRejectedException e, HttpServletRequest request) {
        return respond(request, HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage(), e.fields());
    }

    @ExceptionHandler(TeamNotFoundException.class)
    ResponseEntity<ProblemDetail> missing(TeamNotFoundException e, HttpServletRequest request) {
        return respond(request, HttpStatus.NOT_FOUND, e.getMessage(), List.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e, HttpServletRequest request) {
        return respond(request, HttpStatus.FORBIDDEN, e.getMessage(), List.of());
    }

    /** Not JSON, or a value of the wrong type (a list where text belongs, say). */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return respond(
                request,
                HttpStatus.BAD_REQUEST,
                "The request body is not a team: send JSON with name, description, groups, namespacePatterns and"
                        + " approverGroups (lists of text).",
                List.of());
    }

    private static ResponseEntity<ProblemDetail> respond(
            HttpServletRequest request, HttpStatus status, String detail, List<TeamField> fields) {
        return ProblemResponses.respond(request, status, detail, "fields", fields);
    }
}
