package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.IpAddress;
import dev.tierdeck.engine.model.Protocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads flows as JSON Lines: {@code {"id":"f1","source":{"pod":"ns/name"},"destination":{"ip":"10.0.0.1"},
 * "protocol":"TCP","port":443}} with optional {@code sourcePort}, {@code icmpType}, {@code icmpCode}. Blank lines
 * are skipped; every bad line is reported with its number and field.
 */
public final class FlowReader {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** The flows read and the problems found (any problem means the input must be rejected). */
    public record Result(List<Flow> flows, List<Integer> lines, List<FlowProblem> problems) {}

    private FlowReader() {}

    public static Result read(String source, Reader reader) throws IOException {
        List<Flow> flows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<FlowProblem> problems = new ArrayList<>();
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            Flow f = parseLine(source, n, line, problems);
            if (f != null) {
                flows.add(f);
                lines.add(n);
            }
        }
        return new Result(flows, lines, problems);
    }

    public static Result read(String source, String text) {
        try {
            return read(source, new java.io.StringReader(text));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static @Nullable Flow parseLine(String source, int line, String text, List<FlowProblem> problems) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            problems.add(new FlowProblem(source, line, "", "not valid JSON: " + e.getOriginalMessage()));
            return null;
        }
        if (node == null || !node.isObject()) {
            problems.add(new FlowProblem(source, line, "", "a flow must be a JSON object"));
            return null;
        }
        int before = problems.size();
        JsonNode id = node.get("id");
        if (id == null || !(id.isString() || id.isIntegralNumber())) {
            problems.add(new FlowProblem(source, line, "id", id == null ? "is required" : "must be a string"));
        }
        FlowEndpoint src = endpoint(source, line, node.get("source"), "source", problems);
        FlowEndpoint dst = endpoint(source, line, node.get("destination"), "destination", problems);
        Protocol protocol = null;
        JsonNode p = node.get("protocol");
        if (p == null || p.isNull()) {
            problems.add(new FlowProblem(source, line, "protocol", "is required"));
        } else {
            protocol = p.isIntegralNumber() && p.canConvertToInt()
                    ? Protocol.of(p.asInt())
                    : p.isString() ? Protocol.parse(p.asString()) : null;
            if (protocol == null) {
                problems.add(new FlowProblem(
                        source, line, "protocol", "'" + p + "' is not TCP, UDP, SCTP, ICMP, ICMPv6 or a number 1-255"));
            }
        }
        Integer port = number(source, line, node, "port", 0, 65535, problems);
        Integer sourcePort = number(source, line, node, "sourcePort", 0, 65535, problems);
        Integer icmpType = number(source, line, node, "icmpType", 0, 255, problems);
        Integer icmpCode = number(source, line, node, "icmpCode", 0, 255, problems);
        if (problems.size() > before) {
            return null;
        }
        return new Flow(
                id.isString() ? id.asString() : id.asString(),
                src,
                dst,
                protocol,
                port,
                sourcePort,
                icmpType,
                icmpCode);
    }

    private static @Nullable Integer number(
            String source, int line, JsonNode node, String field, int min, int max, List<FlowProblem> problems) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        // canConvertToLong first: a number beyond a long (2^63) must be a problem, not an exception
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            problems.add(new FlowProblem(
                    source, line, field, "must be an integer between " + min + " and " + max + ", not " + v));
            return null;
        }
        return v.asInt();
    }

    private static @Nullable FlowEndpoint endpoint(
            String source, int line, @Nullable JsonNode e, String field, List<FlowProblem> problems) {
        if (e == null || !e.isObject()) {
            problems.add(new FlowProblem(
                    source, line, field, e == null ? "is required" : "must be an object with pod or ip"));
            return null;
        }
        JsonNode pod = e.get("pod");
        JsonNode ip = e.get("ip");
        if ((pod == null) == (ip == null)) {
            problems.add(new FlowProblem(source, line, field, "must have exactly one of pod or ip"));
            return null;
        }
        if (pod != null) {
            String s = pod.isString() ? pod.asString() : "";
            int slash = s.indexOf('/');
            if (slash <= 0 || slash == s.length() - 1 || s.indexOf('/', slash + 1) >= 0) {
                problems.add(new FlowProblem(source, line, field + ".pod", "must be NAMESPACE/NAME, not " + pod));
                return null;
            }
            return new FlowEndpoint.PodRef(s.substring(0, slash), s.substring(slash + 1));
        }
        if (!ip.isString() || IpAddress.parse(ip.asString()) == null) {
            problems.add(new FlowProblem(source, line, field + ".ip", ip + " is not an IPv4 or IPv6 address"));
            return null;
        }
        return new FlowEndpoint.Address(ip.asString());
    }
}
