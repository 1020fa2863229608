package dev.tierdeck.preview;

import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowEndpoint;
import dev.tierdeck.engine.eval.FlowReader;
import dev.tierdeck.engine.eval.VerdictJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/explain}: one flow in the evaluation contract's shape ({@code {"id":"f1","source":{"pod":
 * "ns/name"},"destination":{"ip":"10.0.0.1"},"protocol":"TCP","port":443}}) answered with exactly the line the
 * {@code evaluate} command prints for it, against the current cluster.
 */
@RestController
@Tag(name = "Impact preview")
class ExplainApiController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ClusterEvaluation evaluation;

    ExplainApiController(ClusterEvaluation evaluation) {
        this.evaluation = evaluation;
    }

    @PostMapping(
            path = "/api/v1/explain",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Explain one flow",
            description = "Takes a flow as the evaluate command reads it ({\"id\",\"source\":{\"pod\"|\"ip\"},"
                    + "\"destination\",\"protocol\",\"port\"}) and answers with the line evaluate prints for it:"
                    + " the enforced and pending verdicts with their decisive policy hits.")
    @ApiResponse(responseCode = "400", description = "The flow is not valid, or names a pod the cluster does not have")
    ResponseEntity<?> explain(@RequestBody(required = false) String body, HttpServletRequest request) {
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
        CompiledCluster cluster = evaluation.current();
        for (String side : List.of("source", "destination")) {
            FlowEndpoint e = side.equals("source") ? flow.source() : flow.destination();
            if (e instanceof FlowEndpoint.PodRef p && !cluster.hasPod(p.namespace(), p.name())) {
                return PreviewProblems.badRequest(request, side + ".pod: pod " + p + " does not exist in the cluster");
            }
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(VerdictJson.line(cluster.evaluate(flow)));
    }
}
