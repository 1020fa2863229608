package dev.tierdeck.flow.store;

import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.PolicyHit;
import dev.tierdeck.flow.PolicyHitKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The jsonb columns: labels as an object, traces as arrays of hits with Whisker's field names (so that a
 * containment query such as {@code [{"name":"x"}]} finds a policy).
 */
final class FlowJson {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private FlowJson() {}

    static String labels(Map<String, String> labels) {
        ObjectNode node = MAPPER.createObjectNode();
        new TreeMap<>(labels).forEach(node::put);
        return node.toString();
    }

    static Map<String, String> labels(String json) {
        Map<String, String> out = new TreeMap<>();
        JsonNode node = MAPPER.readTree(json);
        for (var e : node.properties()) {
            out.put(e.getKey(), e.getValue().asString());
        }
        return out;
    }

    static String hits(List<PolicyHit> hits) {
        ArrayNode array = MAPPER.createArrayNode();
        for (PolicyHit h : hits) {
            array.add(hit(h));
        }
        return array.toString();
    }

    private static ObjectNode hit(PolicyHit h) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("kind", h.kind().name());
        n.put("name", h.name());
        if (h.namespace() != null) {
            n.put("namespace", h.namespace());
        }
        n.put("tier", h.tier());
        if (h.action() != null) {
            n.put("action", h.action().name());
        }
        n.put("policy_index", h.policyIndex());
        n.put("rule_index", h.ruleIndex());
        if (h.trigger() != null) {
            n.set("trigger", hit(h.trigger()));
        }
        return n;
    }

    static List<PolicyHit> hits(String json) {
        List<PolicyHit> out = new ArrayList<>();
        for (JsonNode n : MAPPER.readTree(json)) {
            out.add(hit(n));
        }
        return out;
    }

    private static PolicyHit hit(JsonNode n) {
        JsonNode ns = n.get("namespace");
        JsonNode trigger = n.get("trigger");
        JsonNode action = n.get("action");
        return new PolicyHit(
                PolicyHitKind.valueOf(n.get("kind").asString()),
                ns == null || ns.isNull() ? null : ns.asString(),
                n.get("name").asString(),
                n.get("tier").asString(),
                action == null ? null : FlowAction.valueOf(action.asString()),
                n.get("policy_index").asInt(),
                n.get("rule_index").asInt(),
                trigger == null || trigger.isNull() ? null : hit(trigger));
    }

    static String policyProbe(String policyName) {
        ArrayNode array = MAPPER.createArrayNode();
        array.addObject().put("name", policyName);
        return array.toString();
    }

    static @Nullable String nullIfEmpty(@Nullable String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
