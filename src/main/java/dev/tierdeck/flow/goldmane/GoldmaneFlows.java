package dev.tierdeck.flow.goldmane;

import dev.tierdeck.flow.EndpointType;
import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowCounts;
import dev.tierdeck.flow.FlowEndpoint;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.PolicyHit;
import dev.tierdeck.flow.PolicyHitKind;
import dev.tierdeck.flow.Reporter;
import dev.tierdeck.flow.goldmane.proto.Action;
import dev.tierdeck.flow.goldmane.proto.Flow;
import dev.tierdeck.flow.goldmane.proto.FlowKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Goldmane's protobuf {@code Flow} in the project's terms (calico-semantics §4.4). */
final class GoldmaneFlows {

    private GoldmaneFlows() {}

    /** The flow, or {@code null} when Goldmane left its action or reporter unspecified. */
    static @Nullable FlowRecord toRecord(Flow flow) {
        FlowKey k = flow.getKey();
        FlowAction action = action(k.getAction());
        Reporter reporter = switch (k.getReporter()) {
            case Src -> Reporter.Src;
            case Dst -> Reporter.Dst;
            default -> null;
        };
        if (action == null || reporter == null) {
            return null;
        }
        Instant start = Instant.ofEpochSecond(flow.getStartTime());
        Instant end = flow.getEndTime() > flow.getStartTime()
                ? Instant.ofEpochSecond(flow.getEndTime())
                : start.plusSeconds(15);
        return new FlowRecord(
                start,
                end,
                endpoint(k.getSourceName(), k.getSourceNamespace(), k.getSourceType(), flow.getSourceLabelsList()),
                endpoint(k.getDestName(), k.getDestNamespace(), k.getDestType(), flow.getDestLabelsList()),
                protocol(k.getProto()),
                (int) Math.max(0, Math.min(65535, k.getDestPort())),
                reporter,
                action,
                hits(k.getPolicies().getEnforcedPoliciesList()),
                hits(k.getPolicies().getPendingPoliciesList()),
                new FlowCounts(
                        flow.getPacketsIn(),
                        flow.getPacketsOut(),
                        flow.getBytesIn(),
                        flow.getBytesOut(),
                        flow.getNumConnectionsStarted(),
                        flow.getNumConnectionsCompleted(),
                        flow.getNumConnectionsLive()));
    }

    private static FlowEndpoint endpoint(
            String name, String namespace, dev.tierdeck.flow.goldmane.proto.EndpointType type, List<String> labels) {
        // non-namespaced endpoints carry "-" (calico-semantics §4.4)
        String ns = namespace.isEmpty() || namespace.equals("-") ? null : namespace;
        EndpointType t = switch (type) {
            case WorkloadEndpoint -> EndpointType.WorkloadEndpoint;
            case HostEndpoint -> EndpointType.HostEndpoint;
            case NetworkSet -> EndpointType.NetworkSet;
            case Network -> EndpointType.Network;
            default ->
                name.equals("pub") || name.equals("pvt")
                        ? EndpointType.Network
                        : ns == null ? EndpointType.NetworkSet : EndpointType.WorkloadEndpoint;
        };
        Map<String, String> map = new LinkedHashMap<>();
        for (String l : labels) {
            int eq = l.indexOf('=');
            if (eq > 0) {
                map.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        return new FlowEndpoint(name, ns, t, map);
    }

    static String protocol(String proto) {
        return switch (proto.toLowerCase(Locale.ROOT)) {
            case "tcp", "6" -> "TCP";
            case "udp", "17" -> "UDP";
            case "sctp", "132" -> "SCTP";
            case "icmp", "1" -> "ICMP";
            case "icmpv6", "58" -> "ICMPv6";
            default -> proto;
        };
    }

    private static @Nullable FlowAction action(Action a) {
        return switch (a) {
            case Allow -> FlowAction.Allow;
            case Deny -> FlowAction.Deny;
            case Pass -> FlowAction.Pass;
            default -> null;
        };
    }

    private static List<PolicyHit> hits(List<dev.tierdeck.flow.goldmane.proto.PolicyHit> hits) {
        List<PolicyHit> out = new ArrayList<>(hits.size());
        for (var h : hits) {
            PolicyHit hit = hit(h);
            if (hit != null) {
                out.add(hit);
            }
        }
        return out;
    }

    private static @Nullable PolicyHit hit(dev.tierdeck.flow.goldmane.proto.PolicyHit h) {
        PolicyHitKind kind;
        try {
            kind = PolicyHitKind.valueOf(h.getKind().name());
        } catch (IllegalArgumentException e) {
            // KindUnspecified, or a kind newer than this client
            return null;
        }
        return new PolicyHit(
                kind,
                h.getNamespace().isEmpty() ? null : h.getNamespace(),
                h.getName(),
                h.getTier().equals("__PROFILE__") ? "" : h.getTier(),
                action(h.getAction()),
                (int) h.getPolicyIndex(),
                (int) h.getRuleIndex(),
                h.hasTrigger() ? hit(h.getTrigger()) : null);
    }
}
