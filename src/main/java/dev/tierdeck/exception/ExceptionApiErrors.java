package dev.tierdeck.exception;

import dev.tierdeck.cluster.ClusterAccessDeniedException;
import dev.tierdeck.cluster.ClusterConflictException;
import dev.tierdeck.cluster.ClusterException;
import dev.tierdeck.cluster.ClusterInvalidException;
import dev.tierdeck.cluster.ClusterNotFoundException;
import dev.tierdeck.cluster.ClusterUnavailableException;
import dev.tierdeck.system.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Problem documents for the exceptions API: a refusal or a cluster's answer is never a 500. */
@RestControllerAdvice(assignableTypes = ExceptionApiController.class)
class ExceptionApiErrors {

    @ExceptionHandler(ExceptionProblem.class)
    ResponseEntity<ProblemDetail> problem(ExceptionProblem problem, HttpServletRequest request) {
        HttpStatus status = switch (problem.kind()) {
            case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        String field = problem.field();
        return respond(
                request,
                status,
                problem.getMessage(),
                field == null ? List.of() : List.of(Map.of("field", field, "message", problem.getMessage())));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e, HttpServletRequest request) {
        return respond(request, HttpStatus.FORBIDDEN, e.getMessage(), List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return respond(
                request,
                HttpStatus.BAD_REQUEST,
                "The parameter " + e.getName() + " must be a number.",
                List.of(Map.of("field", e.getName(), "message", "must be a number")));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return respond(
                request,
                HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON: send {\"flow\": {...}, \"reason\": \"...\", \"duration\":"
                        + " \"PT2H\"} to ask, or {\"duration\": \"PT1H\", \"comment\": \"...\"} to decide.",
                List.of());
    }

    @ExceptionHandler(ClusterException.class)
    ResponseEntity<ProblemDetail> cluster(ClusterException e, HttpServletRequest request) {
        return switch (e) {
            case ClusterAccessDeniedException denied ->
                respond(
                        request,
                        HttpStatus.FORBIDDEN,
                        "The cluster refused the policy for your account. Nothing was granted.",
                        List.of());
            case ClusterConflictException conflict ->
                respond(
                        request,
                        HttpStatus.CONFLICT,
                        "The cluster already holds a policy of that name; nothing was granted. "
                                + conflict.getMessage(),
                        List.of());
            case ClusterInvalidException invalid ->
                respond(
                        request,
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        invalid.getMessage(),
                        invalid.fields().stream()
                                .map(f -> Map.of("field", f.field(), "message", f.message()))
                                .toList());
            case ClusterNotFoundException missing ->
                respond(request, HttpStatus.CONFLICT, missing.getMessage(), List.of());
            case ClusterUnavailableException down ->
                respond(
                        request,
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "The cluster cannot be reached; nothing was granted. " + down.getMessage(),
                        List.of());
        };
    }

    private static ResponseEntity<ProblemDetail> respond(
            HttpServletRequest request, HttpStatus status, String detail, List<Map<String, String>> fields) {
        return ProblemResponses.respond(request, status, detail, "problems", fields);
    }
}
