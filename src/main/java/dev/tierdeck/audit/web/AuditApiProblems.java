package dev.tierdeck.audit.web;

import dev.tierdeck.system.CorrelationId;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Bad audit filters as RFC 9457 problems naming the parameter, for the audit API only. */
@RestControllerAdvice(assignableTypes = AuditApiController.class)
class AuditApiProblems {

    @ExceptionHandler(InvalidAuditParameterException.class)
    ProblemDetail invalidParameter(InvalidAuditParameterException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid audit filter");
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("parameter", e.parameter());
        CorrelationId.of(request).ifPresent(id -> problem.setProperty("correlationId", id));
        return problem;
    }
}
