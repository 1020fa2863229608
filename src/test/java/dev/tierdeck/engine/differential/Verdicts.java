package dev.tierdeck.engine.differential;

import dev.tierdeck.engine.eval.DirectionVerdict;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowEndpoint;
import dev.tierdeck.engine.eval.FlowVerdict;
import dev.tierdeck.engine.eval.PolicyHit;
import dev.tierdeck.engine.eval.Trace;
import dev.tierdeck.engine.reference.ReferenceFlow;
import dev.tierdeck.engine.reference.ReferenceResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Maps the fast engine's flows and verdicts to and from the reference's, so that the two compare field by field. */
final class Verdicts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Verdicts() {}

    static Flow flow(ReferenceFlow flow) {
        return new Flow(
                flow.id(),
                endpoint(flow.source()),
                endpoint(flow.destination()),
                flow.protocol(),
                flow.port(),
                flow.sourcePort(),
                flow.icmpType(),
                flow.icmpCode());
    }

    private static FlowEndpoint endpoint(ReferenceFlow.Side side) {
        return side.isPod()
                ? new FlowEndpoint.PodRef(side.namespace(), side.pod())
                : new FlowEndpoint.Address(side.ip());
    }

    static ReferenceResult comparable(FlowVerdict verdict) {
        return new ReferenceResult(verdict.id(), outcome(verdict.enforced()), outcome(verdict.pending()));
    }

    private static ReferenceResult.Outcome outcome(Trace trace) {
        return new ReferenceResult.Outcome(direction(trace.egress()), direction(trace.ingress()));
    }

    private static ReferenceResult.Direction direction(DirectionVerdict direction) {
        if (direction == null) {
            return null;
        }
        return new ReferenceResult.Direction(
                direction.action().name(),
                direction.hits().stream().map(Verdicts::hit).toList());
    }

    private static ReferenceResult.Hit hit(PolicyHit hit) {
        return new ReferenceResult.Hit(
                hit.tier(),
                hit.kind(),
                hit.namespace(),
                hit.name(),
                hit.ruleIndex(),
                hit.action().name());
    }

    /** The flow as one line of a {@code --flows} file (FORMAT.md §2). */
    static String json(ReferenceFlow flow) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", flow.id());
        line.put("source", side(flow.source()));
        line.put("destination", side(flow.destination()));
        line.put("protocol", flow.protocol().name());
        putIf(line, "port", flow.port());
        putIf(line, "sourcePort", flow.sourcePort());
        putIf(line, "icmpType", flow.icmpType());
        putIf(line, "icmpCode", flow.icmpCode());
        return JSON.writeValueAsString(line);
    }

    private static Map<String, String> side(ReferenceFlow.Side side) {
        return side.isPod() ? Map.of("pod", side.namespace() + "/" + side.pod()) : Map.of("ip", side.ip());
    }

    private static void putIf(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** A verdict as readable lines: action per mode and direction, then each hit. */
    static String describe(ReferenceResult result) {
        StringBuilder text = new StringBuilder();
        for (var mode : List.of(Map.entry("enforced", result.enforced()), Map.entry("pending", result.pending()))) {
            text.append("  ")
                    .append(mode.getKey())
                    .append(": ")
                    .append(mode.getValue().action())
                    .append('\n');
            describe(text, "egress", mode.getValue().egress());
            describe(text, "ingress", mode.getValue().ingress());
        }
        return text.toString();
    }

    private static void describe(StringBuilder text, String name, ReferenceResult.Direction direction) {
        text.append("    ").append(name).append(": ");
        if (direction == null) {
            text.append("null\n");
            return;
        }
        text.append(direction.action()).append('\n');
        direction.hits().forEach(h -> text.append("      ").append(h).append('\n'));
    }
}
