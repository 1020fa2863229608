package dev.tierdeck.notification;

import dev.tierdeck.system.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem documents for the webhook API; 422s list every rejected field under {@code fields}. */
@RestControllerAdvice(assignableTypes = WebhookApiController.class)
class WebhookApiErrors {

    @ExceptionHandler(WebhookProblem.class)
    ResponseEntity<ProblemDetail> problem(WebhookProblem problem, HttpServletRequest request) {
        return ProblemResponses.respond(request, problem.status(), problem.getMessage(), "fields", problem.fields());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e, HttpServletRequest request) {
        return ProblemResponses.respond(request, HttpStatus.FORBIDDEN, e.getMessage(), "fields", List.of());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return ProblemResponses.respond(
                request,
                HttpStatus.BAD_REQUEST,
                "The body is not a webhook: send JSON with name, url, format, eventTypes, secret and enabled.",
                "fields",
                List.of());
    }
}
