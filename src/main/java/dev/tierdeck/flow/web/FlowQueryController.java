package dev.tierdeck.flow.web;

import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowFilter;
import dev.tierdeck.flow.FlowPage;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Permissions;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/flows}: stored flows of a time window, newest first, limited to the namespaces the caller may
 * see (admins and viewers see all). Times are RFC 3339; the window defaults to the last hour. A trace step decided by
 * a policy the caller may not read has its name, rule and policy index null, {@code "withheld":true} and its
 * {@code "owner"}.
 */
@RestController
class FlowQueryController {

    static final int MAX_PAGE_SIZE = 500;

    private final FlowStore store;
    private final FlowVisibility visibility;
    private final Permissions permissions;
    private final JsonMapper json;
    private final Clock clock;

    FlowQueryController(
            FlowStore store,
            FlowVisibility visibility,
            Permissions permissions,
            ObjectProvider<JsonMapper> json,
            ObjectProvider<Clock> clock) {
        this.store = store;
        this.visibility = visibility;
        this.permissions = permissions;
        this.json = json.getIfAvailable(() -> JsonMapper.builder().build());
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/api/v1/flows")
    @ApiResponse(
            responseCode = "200",
            description = "A page of stored flows",
            content = @Content(schema = @Schema(implementation = FlowPage.class)))
    JsonNode flows(
            CurrentUser user,
            @RequestParam(required = false) @Nullable List<String> namespace,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable FlowAction action,
            @RequestParam(required = false) @Nullable FlowAction pendingAction,
            @RequestParam(required = false) @Nullable String workload,
            @RequestParam(required = false) @Nullable Integer port,
            @RequestParam(required = false) @Nullable String policy,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Instant end = time("to", to, clock.instant());
        Instant start = time("from", from, end.minus(Duration.ofHours(1)));
        if (!start.isBefore(end)) {
            throw new BadQuery("from", "must be before to");
        }
        if (page < 0) {
            throw new BadQuery("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadQuery("size", "must be 1.." + MAX_PAGE_SIZE);
        }
        if (port != null && (port < 0 || port > 65535)) {
            throw new BadQuery("port", "must be 0..65535");
        }
        Set<String> namespaces = visibility.namespaces(user, namespace);
        FlowFilter filter = new FlowFilter(
                start, end, namespaces, action, pendingAction, blankToNull(workload), port, blankToNull(policy));
        JsonNode out = json.valueToTree(store.query(filter, page, size));
        TraceDisclosure.withhold(out, permissions.disclosureTo(user));
        return out;
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Instant time(String parameter, @Nullable String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return java.time.OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadQuery(
                    parameter, "expected an RFC 3339 time such as 2026-11-26T14:00:00Z, got \"" + value + "\"");
        }
    }

    static final class BadQuery extends RuntimeException {
        final String parameter;

        BadQuery(String parameter, String message) {
            super(parameter + ": " + message);
            this.parameter = parameter;
        }
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> badQuery(BadQuery e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid flow query");
        problem.setType(URI.create("urn:tierdeck:problem:flow-query"));
        problem.setProperty("parameter", e.parameter);
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> hidden(FlowVisibility.NotVisible e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Namespace not visible");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }
}
