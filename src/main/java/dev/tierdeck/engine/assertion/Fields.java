package dev.tierdeck.engine.assertion;

import dev.tierdeck.engine.eval.EndpointSet;
import dev.tierdeck.engine.eval.Verdict;
import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.ServiceAccountMatch;
import dev.tierdeck.engine.selector.ParseResult;
import dev.tierdeck.engine.selector.Selectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The fields of one assertion, each checked, with every problem recorded against the assertion. */
final class Fields {

    /** Bounds: a name as long as a Kubernetes object name, a selector as long as Calico allows (§3.1). */
    private static final int MAX_NAME = 253;

    private static final int MAX_SELECTOR = 1024;
    private static final int MAX_ENTRIES = 1_000;
    private static final Set<String> PEER_FIELDS =
            Set.of("selector", "notSelector", "namespaceSelector", "serviceAccounts", "nets", "notNets");
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern PORT_RANGE = Pattern.compile("[0-9]{1,6}(:[0-9]{1,6})?");

    private final String source;
    private final int line;
    private final int index;
    private final List<AssertionProblem> problems;
    private final int before;
    private @Nullable String name;

    Fields(String source, int line, int index, List<AssertionProblem> problems) {
        this.source = source;
        this.line = line;
        this.index = index;
        this.problems = problems;
        this.before = problems.size();
    }

    void error(String field, String message) {
        problems.add(new AssertionProblem(source, line, index, name, field, message));
    }

    /** The assertion's name once read, when it has a valid one. */
    @Nullable
    String name() {
        return name;
    }

    boolean failed() {
        return problems.size() > before;
    }

    @Nullable
    String name(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            error("name", "is required");
            return null;
        }
        if (!node.isString() || node.stringValue().isBlank()) {
            error("name", "must be a non-empty string, not " + typeOf(node));
            return null;
        }
        String n = node.stringValue();
        if (n.length() > MAX_NAME || n.chars().anyMatch(Character::isISOControl)) {
            error("name", "must be at most " + MAX_NAME + " characters on one line");
            return null;
        }
        name = n;
        return n;
    }

    @Nullable
    Verdict expect(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            error("expect", "is required: allow or deny");
            return null;
        }
        String text = node.isString() ? node.stringValue().toLowerCase(Locale.ROOT) : "";
        return switch (text) {
            case "allow" -> Verdict.Allow;
            case "deny" -> Verdict.Deny;
            default -> {
                error("expect", "must be allow or deny, not " + show(node));
                yield null;
            }
        };
    }

    /** TCP, UDP or SCTP, one or a list; TCP when absent. */
    @Nullable
    List<Protocol> protocols(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return Assertion.DEFAULT_PROTOCOLS;
        }
        List<JsonNode> items = node.isArray() ? new ArrayList<>(node.values()) : List.of(node);
        if (items.isEmpty()) {
            error("protocol", "must not be an empty list (leave it out for TCP)");
            return null;
        }
        List<Protocol> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String field = node.isArray() ? "protocol[" + i + "]" : "protocol";
            Protocol p = item.isString() ? Protocol.parse(item.stringValue()) : null;
            if (p == null || !p.supportsPorts()) {
                error(field, "must be TCP, UDP or SCTP, not " + show(item));
            } else if (out.stream().noneMatch(o -> o.number() == p.number())) {
                out.add(p);
            }
        }
        return out;
    }

    /** Port numbers, {@code "start:end"} ranges and port names; empty (every port) when absent. */
    @Nullable
    List<Port> ports(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.isEmpty()) {
            error(
                    "ports",
                    node.isArray()
                            ? "must not be empty (leave it out for every port)"
                            : "must be a list of ports, not " + typeOf(node));
            return null;
        }
        if (node.size() > MAX_ENTRIES) {
            error("ports", "has more than " + MAX_ENTRIES + " entries");
            return null;
        }
        List<Port> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            Port p = port(node.get(i), "ports[" + i + "]");
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    private @Nullable Port port(JsonNode node, String field) {
        if (node.isIntegralNumber()) {
            long n = node.asLong();
            if (n < 1 || n > 65535) {
                error(field, "port " + node + " is out of range 1-65535");
                return null;
            }
            return Port.Range.of((int) n);
        }
        if (!node.isString()) {
            error(field, "must be a port number, a 'start:end' range or a port name, not " + typeOf(node));
            return null;
        }
        String s = node.stringValue();
        if (PORT_RANGE.matcher(s).matches()) {
            String[] parts = s.split(":");
            int first = Integer.parseInt(parts[0]);
            int last = parts.length == 1 ? first : Integer.parseInt(parts[1]);
            if (first < 1 || last > 65535 || last < 1 || first > 65535) {
                error(field, "port '" + s + "' is out of range 1-65535");
                return null;
            }
            if (first > last) {
                error(field, "port range '" + s + "' has its start after its end");
                return null;
            }
            return new Port.Range(first, last);
        }
        if (s.length() > 15
                || !PORT_NAME.matcher(s).matches()
                || s.contains("--")
                || s.chars().noneMatch(Character::isLetter)) {
            error(field, "'" + s + "' is not a port number, a 'start:end' range or a valid port name");
            return null;
        }
        return new Port.Named(s);
    }

    /** A rule peer's fields (see {@link EndpointSet}); required, {@code {}} for anything. */
    @Nullable
    EndpointSet endpoints(@Nullable JsonNode node, String field) {
        if (node == null || node.isNull()) {
            error(field, "is required ({} for every pod and address)");
            return null;
        }
        if (!node.isObject()) {
            error(field, "must be an object with selector, namespaceSelector, nets... , not " + typeOf(node));
            return null;
        }
        for (String f : node.propertyNames()) {
            if (!PEER_FIELDS.contains(f)) {
                error(
                        field + "." + f,
                        "unknown field; a source or destination has selector, notSelector, namespaceSelector,"
                                + " serviceAccounts, nets and notNets");
            }
        }
        String selector = selector(node.get("selector"), field + ".selector");
        String notSelector = selector(node.get("notSelector"), field + ".notSelector");
        String namespaceSelector = selector(node.get("namespaceSelector"), field + ".namespaceSelector");
        ServiceAccountMatch serviceAccounts = serviceAccounts(node.get("serviceAccounts"), field + ".serviceAccounts");
        List<String> nets = cidrs(node.get("nets"), field + ".nets", false);
        List<String> notNets = cidrs(node.get("notNets"), field + ".notNets", true);
        return new EndpointSet(selector, notSelector, namespaceSelector, serviceAccounts, nets, notNets);
    }

    private @Nullable String selector(@Nullable JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            error(field, "must be a selector string, not " + typeOf(node));
            return null;
        }
        String text = node.stringValue();
        if (text.length() > MAX_SELECTOR) {
            error(field, "selector is longer than " + MAX_SELECTOR + " characters");
            return null;
        }
        switch (Selectors.parse(text)) {
            case ParseResult.Error e -> {
                error(field, "invalid selector '" + text + "': " + e.message() + " at position " + e.position());
                return null;
            }
            case ParseResult.Ok ok -> {
                if (text.contains("global(") || Selectors.mentionsGlobal(ok.selector())) {
                    error(field, "global() selects no pod; a source or destination covers pods and addresses");
                    return null;
                }
                return text;
            }
        }
    }

    private @Nullable ServiceAccountMatch serviceAccounts(@Nullable JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            error(field, "must be an object with names and/or selector, not " + typeOf(node));
            return null;
        }
        for (String f : node.propertyNames()) {
            if (!f.equals("names") && !f.equals("selector")) {
                error(field + "." + f, "unknown field; serviceAccounts has names and selector");
            }
        }
        List<String> names = strings(node.get("names"), field + ".names");
        String selector = selector(node.get("selector"), field + ".selector");
        if (names.isEmpty() && selector == null) {
            error(field, "needs names or a selector");
        }
        return new ServiceAccountMatch(names, selector);
    }

    private List<String> cidrs(@Nullable JsonNode node, String field, boolean negated) {
        List<String> out = strings(node, field);
        for (int i = 0; i < out.size(); i++) {
            Cidr c = Cidr.parse(out.get(i));
            if (c == null) {
                error(field + "[" + i + "]", "'" + out.get(i) + "' is not a valid CIDR");
            } else if (negated && c.isCatchAll()) {
                error(field + "[" + i + "]", "'" + out.get(i) + "' (everything) cannot be negated");
            }
        }
        return out;
    }

    private List<String> strings(@Nullable JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            error(field, "must be a list of strings, not " + typeOf(node));
            return out;
        }
        if (node.size() > MAX_ENTRIES) {
            error(field, "has more than " + MAX_ENTRIES + " entries");
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (item.isString()) {
                out.add(item.stringValue());
            } else {
                error(field + "[" + i + "]", "must be a string, not " + typeOf(item));
            }
        }
        return out;
    }

    private static String show(JsonNode node) {
        return node.isString() ? "'" + node.stringValue() + "'" : typeOf(node);
    }

    static String typeOf(@Nullable JsonNode node) {
        if (node == null) {
            return "null";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT, POJO -> "an object";
            case NUMBER -> "a number (" + node + ")";
            case BOOLEAN -> "a boolean (" + node + ")";
            case NULL, MISSING -> "null";
            case STRING, BINARY -> "a string";
        };
    }
}
