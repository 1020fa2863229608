package dev.tierdeck.exception;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** A problem the screens do not show at a field (an unknown exception, a bad filter) becomes the error page. */
@ControllerAdvice(assignableTypes = ExceptionPages.class)
class ExceptionPageAdvice {

    @ExceptionHandler(ExceptionProblem.class)
    void problem(ExceptionProblem problem, HttpServletResponse response) throws IOException {
        HttpStatus status = switch (problem.kind()) {
            case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        response.sendError(status.value());
    }
}
