package dev.tierdeck.policy.api;

import dev.tierdeck.policy.PolicyConflictException;
import dev.tierdeck.policy.PolicyProblem;
import dev.tierdeck.policy.PolicyRejectedException;
import dev.tierdeck.policy.api.PolicyResponses.ApiError;
import dev.tierdeck.system.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/**
 * Problem documents (RFC 9457) for the policy API. Refused policies answer 422 with every problem under
 * {@code errors} ({@code field}, {@code message}, {@code guardrail}, {@code blocking}); nothing was saved then.
 */
@RestControllerAdvice(assignableTypes = {PolicyApiController.class, NamespaceApiController.class})
class PolicyApiErrors {

    @ExceptionHandler(InvalidPolicyException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidPolicyException e, HttpServletRequest request) {
        return unprocessable(request, e.problems());
    }

    @ExceptionHandler(PolicyRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(PolicyRejectedException e, HttpServletRequest request) {
        return unprocessable(request, e.problems());
    }

    @ExceptionHandler(PolicyConflictException.class)
    ResponseEntity<ProblemDetail> conflict(PolicyConflictException e, HttpServletRequest request) {
        return respond(request, HttpStatus.CONFLICT, e.getMessage(), List.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e, HttpServletRequest request) {
        return respond(request, HttpStatus.FORBIDDEN, e.getMessage(), List.of());
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ProblemDetail> status(ResponseStatusException e, HttpServletRequest request) {
        HttpStatusCode code = e.getStatusCode();
        HttpStatus status = HttpStatus.resolve(code.value());
        return respond(request, status == null ? HttpStatus.BAD_REQUEST : status, e.getReason(), List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return respond(
                request,
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Send the policy as application/json or application/yaml.",
                List.of());
    }

    private static ResponseEntity<ProblemDetail> unprocessable(
            HttpServletRequest request, List<PolicyProblem> problems) {
        String detail = problems.size() == 1
                ? "The policy has a problem: " + problems.getFirst().message()
                : "The policy has " + problems.size() + " problems.";
        return respond(
                request,
                HttpStatus.UNPROCESSABLE_CONTENT,
                detail + " Nothing was saved.",
                problems.stream().map(ApiError::of).toList());
    }

    private static ResponseEntity<ProblemDetail> respond(
            HttpServletRequest request,
            HttpStatus status,
            @org.jspecify.annotations.Nullable String detail,
            List<ApiError> errors) {
        return ProblemResponses.respond(
                request, status, detail == null ? status.getReasonPhrase() : detail, "errors", errors);
    }
}
