package dev.tierdeck.preview;

import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowEndpoint;
import dev.tierdeck.engine.eval.FlowReader;
import dev.tierdeck.engine.eval.VerdictJson;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Decision;
import dev.tierdeck.tenancy.Permissions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/explain}: one flow in the evaluation contract's shape ({@code {"id":"f1","source":{"pod":
 * "ns/name"},"destination":{"ip":"10.0.0.1"},"protocol":"TCP","port":443}}) answered with the line the
 * {@code evaluate} command prints for it, against the current cluster. Only for flows the caller may explain
 * ({@link Permissions}); a step decided by a policy the caller may not read keeps its tier, kind, namespace and
 * action, loses its name and rule index (null) and names its owner instead.
 */
@RestController
@Tag(name = "Impact preview")
class ExplainApiController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ClusterEvaluation evaluation;
    private final Permissions permissions;

    ExplainApiController(ClusterEvaluation evaluation, Permissions permissions) {
        this.evaluation = evaluation;
        this.permissions = permissions;
    }

    @PostMapping(
            path = "/api/v1/explain",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Explain one flow",
            description = "Takes a flow as the evaluate command reads it ({\"id\",\"source\":{\"pod\"|\"ip\"},"
                    + "\"destination\",\"protocol\",\"port\"}) and answers with the line evaluate prints for it:"
                    + " the enforced and pending verdicts with their decisive policy hits. A hit decided by a policy"
                    + " the caller may not read (another team's namespace, a confidential tier) has name and"
                    + " ruleIndex null, \"withheld\":true and its \"owner\".")
    @ApiResponse(responseCode = "400", description = "The flow is not valid, or names a pod the cluster does not have")
    @ApiResponse(
            responseCode = "403",
            description = "Neither end of the flow is in one of the caller's namespaces (developers)")
    ResponseEntity<?> explain(
            CurrentUser user, @RequestBody(required = false) String body, HttpServletRequest request) {
        if (body == null || body.isBlank()) {
            return PreviewProblems.badRequest(request, "The request body must be one flow as a JSON object.");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JacksonException e) {
            return PreviewProblems.badRequest(request, "The request body is not valid JSON: " + e.getOriginalMessage());
        }
        // The contract's reader takes one flow per line: the flow is read again from its one-line form.
        FlowReader.Result read = FlowReader.read("flow", JSON.writeValueAsString(node));
        if (!read.problems().isEmpty() || read.flows().size() != 1) {
            List<String> problems = read.problems().stream()
                    .map(p -> p.field().isEmpty() ? p.message() : p.field() + ": " + p.message())
                    .toList();
            return PreviewProblems.badRequest(
                    request, problems.isEmpty() ? "The request body must be one flow." : String.join("; ", problems));
        }
        Flow flow = read.flows().getFirst();
        // before looking the pods up, so that nobody learns which pods another team's namespaces hold
        Decision decision = permissions.decide(user, Action.EXPLAIN, Explaining.resource(flow));
        if (!decision.allowed()) {
            return PreviewProblems.of(request, HttpStatus.FORBIDDEN, decision.reason());
        }
        CompiledCluster cluster = evaluation.current();
        for (String side : List.of("source", "destination")) {
            FlowEndpoint e = side.equals("source") ? flow.source() : flow.destination();
            if (e instanceof FlowEndpoint.PodRef p && !cluster.hasPod(p.namespace(), p.name())) {
                return PreviewProblems.badRequest(request, side + ".pod: pod " + p + " does not exist in the cluster");
            }
        }
        String line = VerdictJson.line(cluster.evaluate(flow));
        ObjectNode answer = (ObjectNode) JSON.readTree(line);
        if (Explaining.withhold(answer, permissions.disclosureTo(user))) {
            line = JSON.writeValueAsString(answer);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(line);
    }
}
