package dev.tierdeck.promotion;

import dev.tierdeck.cluster.ClusterAccessDeniedException;
import dev.tierdeck.cluster.ClusterConflictException;
import dev.tierdeck.cluster.ClusterException;
import dev.tierdeck.cluster.ClusterInvalidException;
import dev.tierdeck.cluster.ClusterNotFoundException;
import dev.tierdeck.cluster.ClusterUnavailableException;
import dev.tierdeck.policy.PolicyConflictException;
import dev.tierdeck.policy.PolicyRejectedException;
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

/** Problem documents (RFC 9457) for the promotion and approval API, never a 500 for a refusal or a cluster answer. */
@RestControllerAdvice(assignableTypes = {PromotionApiController.class, ApprovalApiController.class})
class PromotionApiErrors {

    @ExceptionHandler(PromotionProblem.class)
    ResponseEntity<ProblemDetail> problem(PromotionProblem problem, HttpServletRequest request) {
        return respond(
                request,
                problem.status(),
                problem.getMessage(),
                problem.problems().stream()
                        .map(p -> Map.of("field", p.field(), "message", p.message()))
                        .toList());
    }

    @ExceptionHandler(PolicyRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(PolicyRejectedException e, HttpServletRequest request) {
        return respond(
                request,
                HttpStatus.UNPROCESSABLE_CONTENT,
                e.getMessage(),
                e.problems().stream()
                        .map(p -> Map.of("field", p.field(), "message", p.message()))
                        .toList());
    }

    @ExceptionHandler(PolicyConflictException.class)
    ResponseEntity<ProblemDetail> changed(PolicyConflictException e, HttpServletRequest request) {
        return respond(request, HttpStatus.CONFLICT, e.getMessage(), List.of());
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
                "The request body is not valid JSON: send {\"comment\": \"...\"} to decide a request, or"
                        + " {\"reason\": \"...\"} to roll back or withdraw a policy.",
                List.of());
    }

    @ExceptionHandler(ClusterException.class)
    ResponseEntity<ProblemDetail> cluster(ClusterException e, HttpServletRequest request) {
        return switch (e) {
            case ClusterAccessDeniedException denied ->
                respond(
                        request,
                        HttpStatus.FORBIDDEN,
                        "The cluster refused the change for your account. Nothing was changed.",
                        List.of());
            case ClusterConflictException conflict ->
                respond(
                        request,
                        HttpStatus.CONFLICT,
                        "Someone changed it: preview again. " + conflict.getMessage(),
                        conflict.diff().changes().stream()
                                .map(c -> Map.of(
                                        "field",
                                        c.path(),
                                        "message",
                                        "expected " + c.expected() + ", the cluster has " + c.actual()))
                                .toList());
            case ClusterInvalidException invalid ->
                respond(
                        request,
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        invalid.getMessage(),
                        invalid.fields().stream()
                                .map(f -> Map.of("field", f.field(), "message", f.message()))
                                .toList());
            case ClusterNotFoundException missing ->
                respond(request, HttpStatus.CONFLICT, missing.getMessage() + "; stage it again.", List.of());
            case ClusterUnavailableException down ->
                respond(request, HttpStatus.SERVICE_UNAVAILABLE, down.getMessage(), List.of());
        };
    }

    private static ResponseEntity<ProblemDetail> respond(
            HttpServletRequest request, HttpStatus status, String detail, List<Map<String, String>> fields) {
        return ProblemResponses.respond(request, status, detail, "problems", fields);
    }
}
