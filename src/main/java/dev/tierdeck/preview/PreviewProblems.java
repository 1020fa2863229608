package dev.tierdeck.preview;

import dev.tierdeck.system.CorrelationId;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Problem documents (RFC 9457) for the preview and explain API, with the request's correlation id. */
final class PreviewProblems {

    private PreviewProblems() {}

    static ResponseEntity<ProblemDetail> badRequest(HttpServletRequest request, String detail) {
        return of(request, HttpStatus.BAD_REQUEST, detail);
    }

    static ResponseEntity<ProblemDetail> of(HttpServletRequest request, HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        problem.setInstance(URI.create(request.getRequestURI()));
        CorrelationId.of(request).ifPresent(id -> problem.setProperty("correlationId", id));
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
