package dev.tierdeck.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem documents for the API, always with the request's correlation id and never internals. Each
 * module's error advice maps its own exceptions to a status and answers through {@link #respond}.
 */
public final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {}

    static ProblemDetail problem(HttpServletRequest request, HttpStatus status, String detail, String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        problem.setInstance(URI.create(path));
        CorrelationId.of(request).ifPresent(id -> problem.setProperty("correlationId", id));
        return problem;
    }

    /**
     * A problem document for the current request.
     *
     * @param listName the member that carries {@code items} (each module names its list of rejected fields)
     * @param items left out of the document when empty
     */
    public static ResponseEntity<ProblemDetail> respond(
            HttpServletRequest request, HttpStatus status, String detail, String listName, List<?> items) {
        ProblemDetail problem = problem(request, status, detail, request.getRequestURI());
        if (!items.isEmpty()) {
            problem.setProperty(listName, items);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = problem(request, status, detail, request.getRequestURI());
        // Written outside Spring MVC (from security filters): the same members a ProblemDetail body has there.
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "type",
                problem.getType() == null ? "about:blank" : problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", String.valueOf(problem.getInstance()));
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
