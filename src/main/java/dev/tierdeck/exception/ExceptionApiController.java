package dev.tierdeck.exception;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/exceptions}: ask, list, decide and revoke exceptions with an expiry. */
@RestController
@Tag(name = "Exceptions")
class ExceptionApiController {

    /**
     * A request: {@code flow} as {@code POST /api/v1/explain} takes it, a reason, an ISO-8601 duration, and optionally
     * how far it reaches ({@code WORKLOAD} or {@code NAMESPACE} per end, every port or only the flow's).
     */
    record RequestBodyJson(
            @Nullable JsonNode flow,
            @Nullable String reason,
            @Nullable String duration,
            @Nullable String source,
            @Nullable String destination,
            @Nullable Boolean anyPort) {}

    /** A decision: an optional shorter duration and narrower scope, and a comment (required to reject). */
    record DecisionJson(
            @Nullable String duration,
            @Nullable String comment,
            @Nullable String source,
            @Nullable String destination,
            @Nullable Boolean anyPort) {}

    private final ExceptionRequests requests;
    private final ExceptionDecisions decisions;
    private final ExceptionViews views;
    private final Permissions permissions;
    private final Clock clock;

    ExceptionApiController(
            ExceptionRequests requests,
            ExceptionDecisions decisions,
            ExceptionViews views,
            Permissions permissions,
            ExceptionClock clock) {
        this.requests = requests;
        this.decisions = decisions;
        this.views = views;
        this.permissions = permissions;
        this.clock = clock.clock();
    }

    @PostMapping(
            path = "/api/v1/exceptions",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Ask for an exception",
            description = "For a flow denied by a tier the caller may not change: {\"flow\": <a flow as explain takes"
                    + " it>, \"reason\": \"...\", \"duration\": \"PT2H\"}, optionally \"source\" and \"destination\""
                    + " (WORKLOAD or NAMESPACE) and \"anyPort\". Answers 201 with the exception (id, state PENDING,"
                    + " the denying tier and its owners).")
    @ApiResponse(responseCode = "201", description = "Requested; waiting for an owner of the tier")
    @ApiResponse(responseCode = "400", description = "The flow cannot be read")
    @ApiResponse(responseCode = "403", description = "Neither end of the flow is in one of the caller's namespaces")
    @ApiResponse(
            responseCode = "422",
            description = "The flow is allowed already, is denied where the caller may change policies, or a field is"
                    + " out of bounds")
    ResponseEntity<ExceptionViews.View> request(CurrentUser user, @RequestBody RequestBodyJson body) {
        PolicyException e = requests.request(
                user,
                body.flow() == null ? null : body.flow().toString(),
                body.reason(),
                body.duration(),
                scope(body.source(), body.destination(), body.anyPort(), ExceptionScope.NARROW));
        return ResponseEntity.status(HttpStatus.CREATED).body(ExceptionViews.View.of(e, clock.instant()));
    }

    @GetMapping(path = "/api/v1/exceptions", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "List exceptions",
            description = "Newest first: all of them for admins, those of the caller's teams' namespaces otherwise;"
                    + " optionally of one state (PENDING, ACTIVE, REJECTED, EXPIRED, REVOKED).")
    List<ExceptionViews.View> list(CurrentUser user, @RequestParam(required = false) @Nullable String state) {
        // anyone with a role; which exceptions is the list's business
        permissions.require(user, Action.REQUEST_EXCEPTION, Resource.PORTAL);
        ExceptionState wanted = state(state);
        return views.list(user, wanted).stream()
                .map(e -> ExceptionViews.View.of(e, clock.instant()))
                .toList();
    }

    @GetMapping(path = "/api/v1/exceptions/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One exception", description = "404 for an exception of another team's namespace.")
    ExceptionViews.View one(CurrentUser user, @PathVariable long id) {
        return ExceptionViews.View.of(decisions.visible(user, id), clock.instant());
    }

    @PostMapping(path = "/api/v1/exceptions/{id}/approve", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Grant an exception",
            description = "As an owner of its tier (never one's own request): writes the exception's policy in the"
                    + " tier as the caller. Optional body {\"duration\": \"PT1M\"} (no longer than asked), a narrower"
                    + " scope and a comment.")
    @ApiResponse(responseCode = "403", description = "Not an owner of the tier, or one's own request")
    @ApiResponse(responseCode = "409", description = "Not pending any more")
    ExceptionViews.View approve(
            CurrentUser user, @PathVariable long id, @RequestBody(required = false) @Nullable DecisionJson body) {
        DecisionJson d = body == null ? new DecisionJson(null, null, null, null, null) : body;
        PolicyException current = decisions.visible(user, id);
        ExceptionScope scope = d.source() == null && d.destination() == null && d.anyPort() == null
                ? null
                : scope(d.source(), d.destination(), d.anyPort(), current.requested());
        return ExceptionViews.View.of(decisions.grant(user, id, d.duration(), scope, d.comment()), clock.instant());
    }

    @PostMapping(path = "/api/v1/exceptions/{id}/reject", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Reject an exception", description = "Body {\"comment\": \"why\"}, required.")
    ExceptionViews.View reject(
            CurrentUser user, @PathVariable long id, @RequestBody(required = false) @Nullable DecisionJson body) {
        return ExceptionViews.View.of(
                decisions.reject(user, id, body == null ? null : body.comment()), clock.instant());
    }

    @PostMapping(path = "/api/v1/exceptions/{id}/revoke", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Revoke an exception",
            description = "Its requester or an owner of its tier ends it early; its policy is removed at once, or by"
                    + " the background job while the cluster cannot be reached.")
    ExceptionViews.View revoke(
            CurrentUser user, @PathVariable long id, @RequestBody(required = false) @Nullable DecisionJson body) {
        return ExceptionViews.View.of(
                decisions.revoke(user, id, body == null ? null : body.comment()), clock.instant());
    }

    static @Nullable ExceptionState state(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ExceptionState.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ExceptionProblem(
                    ExceptionProblem.Kind.BAD_REQUEST,
                    "state must be one of PENDING, ACTIVE, REJECTED, EXPIRED, REVOKED.",
                    "state");
        }
    }

    static ExceptionScope scope(
            @Nullable String source, @Nullable String destination, @Nullable Boolean anyPort, ExceptionScope fallback) {
        return new ExceptionScope(
                breadth("source", source, fallback.source()),
                breadth("destination", destination, fallback.destination()),
                anyPort == null ? fallback.anyPort() : anyPort);
    }

    private static ExceptionScope.Breadth breadth(
            String field, @Nullable String text, ExceptionScope.Breadth fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        ExceptionScope.Breadth b = ExceptionScope.Breadth.parse(text);
        if (b == null) {
            throw ExceptionProblem.invalid(field, field + " must be WORKLOAD or NAMESPACE.");
        }
        return b;
    }
}
