package dev.tierdeck.flow.format;

import dev.tierdeck.flow.EndpointType;
import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowCounts;
import dev.tierdeck.flow.FlowEndpoint;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.PolicyHit;
import dev.tierdeck.flow.PolicyHitKind;
import dev.tierdeck.flow.Reporter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Decodes Whisker's {@code FlowResponse} JSON (calico-semantics §4.5): RFC 3339 times, labels joined by
 * {@code " | "}, {@code Global} for non-namespaced endpoints, {@code PUBLIC NETWORK}/{@code PRIVATE NETWORK}
 * for Goldmane's {@code pub}/{@code pvt}. The response carries no endpoint type, so it is derived: networks by
 * name, other non-namespaced endpoints are network sets, namespaced ones workloads; an optional
 * {@code source_type}/{@code dest_type} (Goldmane's EndpointType names) overrides the guess.
 */
final class WhiskerFlowDecoder {

    private static final long MAX = Long.MAX_VALUE;

    private WhiskerFlowDecoder() {}

    static boolean looksLikeOne(JsonNode n) {
        return n.has("source_name") || n.has("dest_name") || n.has("start_time");
    }

    static @Nullable FlowRecord decode(JsonNode n, Fields f) {
        Instant start = f.time(n, "", "start_time", true);
        Instant end = f.time(n, "", "end_time", false);
        FlowEndpoint source = endpoint(n, f, "source");
        FlowEndpoint dest = endpoint(n, f, "dest");
        String protocol = f.protocol(n, "", "protocol");
        long port = f.number(n, "", "dest_port", 0, 65535, 0);
        Reporter reporter = f.choice(n, "", "reporter", Reporter.class, true);
        FlowAction action = f.choice(n, "", "action", FlowAction.class, true);
        List<PolicyHit> enforced = List.of();
        List<PolicyHit> pending = List.of();
        JsonNode policies = n.get("policies");
        if (policies != null && !policies.isNull()) {
            if (!policies.isObject()) {
                f.problem(
                        "policies",
                        "expected an object with enforced and pending, got " + FlowFileReader.kind(policies));
            } else {
                enforced = hits(policies.get("enforced"), "policies.enforced", f);
                pending = hits(policies.get("pending"), "policies.pending", f);
            }
        }
        FlowCounts counts = new FlowCounts(
                f.number(n, "", "packets_in", 0, MAX, 0),
                f.number(n, "", "packets_out", 0, MAX, 0),
                f.number(n, "", "bytes_in", 0, MAX, 0),
                f.number(n, "", "bytes_out", 0, MAX, 0),
                f.number(n, "", "num_connections_started", 0, MAX, 0),
                f.number(n, "", "num_connections_completed", 0, MAX, 0),
                f.number(n, "", "num_connections_live", 0, MAX, 0));
        if (start != null && end != null && end.isBefore(start)) {
            f.problem("end_time", "is before start_time");
        }
        if (start == null || source == null || dest == null || protocol == null || reporter == null || action == null) {
            return null;
        }
        return new FlowRecord(
                start,
                end == null ? start.plusSeconds(15) : end,
                source,
                dest,
                protocol,
                (int) port,
                reporter,
                action,
                enforced,
                pending,
                counts);
    }

    private static @Nullable FlowEndpoint endpoint(JsonNode n, Fields f, String side) {
        String name = f.text(n, "", side + "_name", true);
        String namespace = f.text(n, "", side + "_namespace", false);
        Map<String, String> labels = labels(n.get(side + "_labels"), side + "_labels", f);
        EndpointType type = f.choice(n, "", side + "_type", EndpointType.class, false);
        if (name == null) {
            return null;
        }
        if (namespace != null && (namespace.isEmpty() || namespace.equals("-") || namespace.equals("Global"))) {
            namespace = null;
        }
        switch (name) {
            case "PUBLIC NETWORK", "pub" -> {
                return new FlowEndpoint("pub", null, EndpointType.Network, Map.of());
            }
            case "PRIVATE NETWORK", "pvt" -> {
                return new FlowEndpoint("pvt", null, EndpointType.Network, Map.of());
            }
            default -> {}
        }
        if (name.isEmpty()) {
            f.problem(side + "_name", "must not be empty");
            return null;
        }
        if (type == null) {
            type = namespace == null ? EndpointType.NetworkSet : EndpointType.WorkloadEndpoint;
        }
        return new FlowEndpoint(name, namespace, type, labels);
    }

    /** {@code "k=v | k2=v2"} as Whisker writes them; a list of {@code k=v} or an object are accepted too. */
    static Map<String, String> labels(@Nullable JsonNode v, String field, Fields f) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        List<String> pairs = new ArrayList<>();
        if (v.isString()) {
            for (String p : v.asString().split("\\|")) {
                if (!p.isBlank()) {
                    pairs.add(p.trim());
                }
            }
        } else if (v.isArray()) {
            for (JsonNode e : v) {
                pairs.add(e.asString());
            }
        } else if (v.isObject()) {
            for (var e : v.properties()) {
                out.put(e.getKey(), e.getValue().asString());
            }
            return out;
        } else {
            f.problem(field, "expected \"key=value | ...\", got " + FlowFileReader.kind(v));
            return out;
        }
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                f.problem(field, "expected key=value, got \"" + p + "\"");
            } else {
                out.put(p.substring(0, eq), p.substring(eq + 1));
            }
        }
        return out;
    }

    private static List<PolicyHit> hits(@Nullable JsonNode v, String field, Fields f) {
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            f.problem(field, "expected an array of policy hits, got " + FlowFileReader.kind(v));
            return List.of();
        }
        List<PolicyHit> out = new ArrayList<>();
        int i = 0;
        for (JsonNode h : v) {
            PolicyHit hit = hit(h, field + "[" + i++ + "].", f);
            if (hit != null) {
                out.add(hit);
            }
        }
        return out;
    }

    private static @Nullable PolicyHit hit(JsonNode h, String path, Fields f) {
        if (!h.isObject()) {
            f.problem(
                    path.substring(0, path.length() - 1),
                    "expected a policy hit object, got " + FlowFileReader.kind(h));
            return null;
        }
        PolicyHitKind kind = f.choice(h, path, "kind", PolicyHitKind.class, true);
        String name = f.text(h, path, "name", true);
        String namespace = f.text(h, path, "namespace", false);
        String tier = f.text(h, path, "tier", false);
        boolean inTrigger = path.endsWith("trigger.");
        // a trigger only names the policy; Whisker writes its action as unspecified
        FlowAction action = inTrigger && "ActionUnspecified".equals(f.text(h, path, "action", false))
                ? null
                : f.choice(h, path, "action", FlowAction.class, !inTrigger);
        long policyIndex = f.number(h, path, "policy_index", 0, Integer.MAX_VALUE, 0);
        long ruleIndex = f.number(h, path, "rule_index", -1, Integer.MAX_VALUE, 0);
        JsonNode t = h.get("trigger");
        PolicyHit trigger = t == null || t.isNull() ? null : hit(t, path + "trigger.", f);
        if (kind == null || name == null || action == null && !inTrigger) {
            return null;
        }
        return new PolicyHit(
                kind,
                namespace == null || namespace.isEmpty() ? null : namespace,
                name,
                tier == null || tier.equals("__PROFILE__") ? "" : tier,
                action,
                (int) policyIndex,
                (int) ruleIndex,
                trigger);
    }
}
