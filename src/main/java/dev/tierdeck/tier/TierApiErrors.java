package dev.tierdeck.tier;

import dev.tierdeck.cluster.ClusterAccessDeniedException;
import dev.tierdeck.cluster.ClusterConflictException;
import dev.tierdeck.cluster.ClusterException;
import dev.tierdeck.cluster.ClusterInvalidException;
import dev.tierdeck.cluster.ClusterNotFoundException;
import dev.tierdeck.cluster.ClusterUnavailableException;
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
import tools.jackson.core.JacksonException;

/** Problem documents (RFC 9457) for the tier and guardrail API; 422s list every rejected field under {@code fields}. */
@RestControllerAdvice(assignableTypes = {TierApiController.class, GuardrailApiController.class})
class TierApiErrors {

    @ExceptionHandler(TierProblem.class)
    ResponseEntity<ProblemDetail> tierProblem(TierProblem problem, HttpServletRequest request) {
        return respond(request, problem.status(), problem.getMessage(), problem.fields());
    }

    /** Refused by role or tier ownership: answered here, with the reason, before any change was made. */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e, HttpServletRequest request) {
        return respond(request, HttpStatus.FORBIDDEN, e.getMessage(), List.of());
    }

    @ExceptionHandler(ClusterException.class)
    ResponseEntity<ProblemDetail> cluster(ClusterException e, HttpServletRequest request) {
        return switch (e) {
            case ClusterAccessDeniedException denied ->
                respond(
                        request,
                        HttpStatus.FORBIDDEN,
                        "The cluster refused the change for your account"
                                + (denied.missingPermission() == null ? "" : ": missing " + denied.missingPermission())
                                + ". Nothing was changed.",
                        List.of());
            case ClusterConflictException conflict ->
                respond(request, HttpStatus.CONFLICT, conflict.getMessage(), List.of());
            case ClusterInvalidException invalid ->
                respond(
                        request,
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        invalid.getMessage(),
                        invalid.fields().stream()
                                .map(f -> new InvalidField(f.field(), f.message()))
                                .toList());
            case ClusterNotFoundException missing ->
                respond(request, HttpStatus.NOT_FOUND, missing.getMessage(), List.of());
            case ClusterUnavailableException down ->
                respond(request, HttpStatus.SERVICE_UNAVAILABLE, down.getMessage(), List.of());
        };
    }

    /** A body that is not JSON, or has a value of the wrong type: named by its JSON path when Jackson knows it. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        if (e.getCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
            StringBuilder field = new StringBuilder();
            for (JacksonException.Reference ref : json.getPath()) {
                if (ref.getPropertyName() != null) {
                    field.append(field.isEmpty() ? "" : ".").append(ref.getPropertyName());
                } else if (ref.getIndex() >= 0) {
                    field.append('[').append(ref.getIndex()).append(']');
                }
            }
            String name = field.toString();
            return respond(
                    request,
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "The field " + name + " has a value of the wrong type.",
                    List.of(new InvalidField(name, "This value has the wrong type or is not allowed here.")));
        }
        return respond(request, HttpStatus.BAD_REQUEST, "The request body is not valid JSON.", List.of());
    }

    private static ResponseEntity<ProblemDetail> respond(
            HttpServletRequest request, HttpStatus status, String detail, List<InvalidField> fields) {
        return ProblemResponses.respond(request, status, detail, "fields", fields);
    }
}
