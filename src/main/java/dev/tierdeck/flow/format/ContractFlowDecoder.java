package dev.tierdeck.flow.format;

import dev.tierdeck.flow.AggregatedNames;
import dev.tierdeck.flow.EndpointType;
import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowCounts;
import dev.tierdeck.flow.FlowEndpoint;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.Reporter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Decodes a line of the flows JSONL that {@code tierdeck evaluate} reads: {@code {"pod":"ns/name"}} or
 * {@code {"ip":"..."}} endpoints, protocol and port. Such a line describes a connection, not an observation, so
 * it carries no time and no verdict: optional {@code time} (RFC 3339, default: the import's time) and
 * {@code action} (default {@code Allow}, the connection happened) complete it. Pods are stored under their
 * aggregated name as Goldmane would report them; an IP becomes the public or private network.
 */
final class ContractFlowDecoder {

    private ContractFlowDecoder() {}

    static boolean looksLikeOne(JsonNode n) {
        return n.has("source") || n.has("destination");
    }

    static @Nullable FlowRecord decode(JsonNode n, Fields f, Instant now) {
        Instant time = f.time(n, "", "time", false);
        FlowEndpoint source = endpoint(n, "source", f);
        FlowEndpoint dest = endpoint(n, "destination", f);
        String protocol = f.protocol(n, "", "protocol");
        boolean icmp = "ICMP".equals(protocol) || "ICMPv6".equals(protocol);
        long port = f.number(n, "", "port", icmp ? 0 : 1, 65535, -1);
        if (port < 0 && !icmp && protocol != null && n.get("port") == null) {
            f.problem("port", "is required for " + protocol);
        }
        f.number(n, "", "sourcePort", 0, 65535, 0);
        FlowAction action = f.choice(n, "", "action", FlowAction.class, false);
        if (source == null || dest == null || protocol == null || port < 0 && !icmp) {
            return null;
        }
        Instant start = time == null ? now : time;
        return new FlowRecord(
                start,
                start.plusSeconds(15),
                source,
                dest,
                protocol,
                (int) Math.max(0, port),
                dest.type() == EndpointType.WorkloadEndpoint ? Reporter.Dst : Reporter.Src,
                action == null ? FlowAction.Allow : action,
                List.of(),
                List.of(),
                new FlowCounts(0, 0, 0, 0, 1, 0, 0));
    }

    private static @Nullable FlowEndpoint endpoint(JsonNode n, String side, Fields f) {
        JsonNode e = n.get(side);
        if (e == null || e.isNull()) {
            f.problem(side, "is required");
            return null;
        }
        if (!e.isObject()) {
            f.problem(
                    side,
                    "expected {\"pod\":\"NAMESPACE/NAME\"} or {\"ip\":\"ADDRESS\"}, got " + FlowFileReader.kind(e));
            return null;
        }
        String pod = f.text(e, side + ".", "pod", false);
        String ip = f.text(e, side + ".", "ip", false);
        if (pod != null) {
            int slash = pod.indexOf('/');
            if (slash <= 0 || slash == pod.length() - 1 || pod.indexOf('/', slash + 1) >= 0) {
                f.problem(side + ".pod", "expected NAMESPACE/NAME, got \"" + pod + "\"");
                return null;
            }
            return FlowEndpoint.workload(
                    pod.substring(0, slash), AggregatedNames.ofPodName(pod.substring(slash + 1)), Map.of());
        }
        if (ip != null) {
            InetAddress address = address(ip);
            if (address == null) {
                f.problem(side + ".ip", "expected an IPv4 or IPv6 address, got \"" + ip + "\"");
                return null;
            }
            return isPrivate(address) ? FlowEndpoint.privateNetwork() : FlowEndpoint.publicNetwork();
        }
        f.problem(side, "expected {\"pod\":\"NAMESPACE/NAME\"} or {\"ip\":\"ADDRESS\"}");
        return null;
    }

    private static @Nullable InetAddress address(String ip) {
        // only literals: never let a host name trigger a DNS lookup
        if (!ip.matches("[0-9a-fA-F:.]+") || !(ip.contains(".") || ip.contains(":"))) {
            return null;
        }
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** RFC 1918, RFC 6598 shared space, loopback, link-local and IPv6 unique-local count as private. */
    static boolean isPrivate(InetAddress a) {
        if (a.isSiteLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        }
        return (b[0] & 0xfe) == 0xfc;
    }
}
