package dev.tierdeck.recommendation;

import dev.tierdeck.engine.recommend.RecommendationJson;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.system.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/namespaces/{ns}/recommendation?from=&to=&level=...}: the suggestion for a namespace over the
 * stored flows of a window, as the command line's {@code recommend --json} prints it (policies, proof, levels,
 * connections, history; written by the same code), plus the window and the flows that could not be placed on the
 * cluster. POST because it
 * replays days of flows through the engine, not because it changes anything: nothing is saved.
 */
@RestController
@Tag(name = "Suggestions")
@ApiResponse(responseCode = "403", description = "The namespace is not one of the caller's")
@ApiResponse(responseCode = "404", description = "The cluster has no such namespace")
@ApiResponse(responseCode = "400", description = "A parameter cannot be used: `errors` names each one")
class RecommendationApiController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Suggestions suggestions;

    RecommendationApiController(Suggestions suggestions) {
        this.suggestions = suggestions;
    }

    @PostMapping(path = "/api/v1/namespaces/{namespace}/recommendation", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Suggest policies from the namespace's observed traffic, proven against it",
            description = "NetworkPolicies for a developer tier that allow the observed flows reaching that tier and"
                    + " deny the rest, replayed against the same flows: `summary.newlyDenied` counts the observed"
                    + " flows allowed today that the suggestion would deny (only those left out with `leaveOut`)."
                    + " Without from/to, the last 7 days.")
    @ApiResponse(responseCode = "200", description = "The suggestion with its proof and evidence")
    ResponseEntity<?> recommend(
            CurrentUser user,
            @PathVariable String namespace,
            @Parameter(description = "Window start, RFC 3339 or 2026-11-26T14:00 (UTC)")
                    @RequestParam(required = false)
                    @Nullable
                    String from,
            @Parameter(description = "Window end; now when omitted") @RequestParam(required = false) @Nullable
                    String to,
            @Parameter(description = "strict, workload (default) or namespace")
                    @RequestParam(required = false)
                    @Nullable
                    String level,
            @Parameter(description = "One workload of the namespace; all when omitted")
                    @RequestParam(required = false)
                    @Nullable
                    String workload,
            @Parameter(description = "workload (one policy per workload, default) or namespace")
                    @RequestParam(required = false)
                    @Nullable
                    String layout,
            @Parameter(description = "ingress, egress or both (default)") @RequestParam(required = false) @Nullable
                    String directions,
            @Parameter(description = "A developer tier; default when omitted") @RequestParam(required = false) @Nullable
                    String tier,
            @Parameter(description = "Widest CIDR for outside IPv4 addresses, e.g. 24")
                    @RequestParam(required = false)
                    @Nullable
                    String width,
            @Parameter(description = "Ids of observed connections to leave out (repeat the parameter)")
                    @RequestParam(required = false)
                    @Nullable
                    List<String> leaveOut,
            HttpServletRequest request) {
        SuggestionRequest asked =
                new SuggestionRequest(from, to, workload, level, layout, directions, tier, width, leaveOut);
        try {
            Suggestion s = suggestions.suggest(user, namespace, asked);
            Map<String, Object> body = new LinkedHashMap<>();
            Map<String, Object> window = new LinkedHashMap<>();
            window.put("from", s.window().from().toString());
            window.put("to", s.window().to().toString());
            body.put("window", window);
            body.putAll(RecommendationJson.toMap(s.recommendation()));
            Map<String, Object> unmapped = new LinkedHashMap<>();
            unmapped.put("flows", s.unmapped());
            unmapped.put("reasons", s.unmappedReasons());
            body.put("unmapped", unmapped);
            hideConfidential(body, s.confidentialTiers());
            // Written as the command line writes it (absent values as null), not through the portal's mapper.
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(body));
        } catch (AccessDeniedException e) {
            return ProblemResponses.respond(request, HttpStatus.FORBIDDEN, e.getMessage(), "errors", List.of());
        } catch (ResponseStatusException e) {
            return ProblemResponses.respond(
                    request, HttpStatus.NOT_FOUND, String.valueOf(e.getReason()), "errors", List.of());
        } catch (SuggestionRequest.Invalid e) {
            List<Map<String, String>> errors = new ArrayList<>();
            e.errors().forEach((field, message) -> errors.add(Map.of("field", field, "message", message)));
            return ProblemResponses.respond(
                    request,
                    HttpStatus.BAD_REQUEST,
                    "The request has parameters that cannot be used.",
                    "errors",
                    errors);
        }
    }

    /** Policy names of confidential tiers are not the caller's to read: the tier stays, the name goes. */
    @SuppressWarnings("unchecked")
    static void hideConfidential(Object node, Set<String> tiers) {
        if (tiers.isEmpty()) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> m = (Map<String, Object>) map;
            if (m.containsKey("ruleIndex") && m.get("tier") instanceof String tier && tiers.contains(tier)) {
                m.put("name", null);
                m.put("namespace", null);
            }
            m.values().forEach(v -> hideConfidential(v, tiers));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> hideConfidential(v, tiers));
        }
    }
}
