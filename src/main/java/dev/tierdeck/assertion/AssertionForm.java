package dev.tierdeck.assertion;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The page's form for a new assertion: each side written like a policy rule's peer (selector, namespace selector,
 * nets), the ports, the protocol and the verdict expected. Mapped onto an assertions file entry, which the engine's
 * reader then checks; its field names come back mapped onto the form's.
 *
 * @param scope empty for a global assertion, else a namespace
 */
record AssertionForm(
        @Nullable String scope,
        @Nullable String name,
        @Nullable String sourceSelector,
        @Nullable String sourceNamespaceSelector,
        @Nullable String sourceNets,
        @Nullable String destinationSelector,
        @Nullable String destinationNamespaceSelector,
        @Nullable String destinationNets,
        @Nullable String protocol,
        @Nullable String ports,
        @Nullable String expect) {

    static final AssertionForm EMPTY = new AssertionForm("", "", "", "", "", "", "", "", "TCP", "", "deny");

    /** The reader's field names (source.selector, ports[1]) to the form's (sourceSelector, ports). */
    private static final Map<String, String> FIELDS = Map.of(
            "source.selector", "sourceSelector",
            "source.namespaceSelector", "sourceNamespaceSelector",
            "source.nets", "sourceNets",
            "destination.selector", "destinationSelector",
            "destination.namespaceSelector", "destinationNamespaceSelector",
            "destination.nets", "destinationNets");

    @Nullable
    String namespace() {
        return scope == null || scope.isBlank() || scope.strip().equals("global") ? null : scope.strip();
    }

    ObjectNode toEntry() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode entry = json.objectNode();
        entry.put("name", text(name));
        entry.set("source", side(sourceSelector, sourceNamespaceSelector, sourceNets));
        entry.set("destination", side(destinationSelector, destinationNamespaceSelector, destinationNets));
        if (!text(protocol).isEmpty()) {
            entry.put("protocol", text(protocol));
        }
        List<String> portList = words(ports);
        if (!portList.isEmpty()) {
            ArrayNode out = entry.putArray("ports");
            for (String p : portList) {
                if (p.matches("[0-9]{1,6}")) {
                    out.add(Integer.parseInt(p));
                } else {
                    out.add(p);
                }
            }
        }
        entry.put("expect", text(expect));
        return entry;
    }

    /** The form field a problem of the reader belongs to; empty for the form as a whole. */
    static String formField(String field) {
        if (field.equals("namespace")) {
            return "scope";
        }
        if (field.startsWith("ports")) {
            return "ports";
        }
        if (field.startsWith("protocol")) {
            return "protocol";
        }
        if (field.equals("name") || field.equals("expect")) {
            return field;
        }
        for (Map.Entry<String, String> e : FIELDS.entrySet()) {
            if (field.equals(e.getKey()) || field.startsWith(e.getKey() + "[")) {
                return e.getValue();
            }
        }
        if (field.startsWith("source")) {
            return "sourceSelector";
        }
        if (field.startsWith("destination")) {
            return "destinationSelector";
        }
        return "";
    }

    private static ObjectNode side(
            @Nullable String selector, @Nullable String namespaceSelector, @Nullable String nets) {
        ObjectNode side = JsonNodeFactory.instance.objectNode();
        if (!text(selector).isEmpty()) {
            side.put("selector", text(selector));
        }
        if (!text(namespaceSelector).isEmpty()) {
            side.put("namespaceSelector", text(namespaceSelector));
        }
        List<String> list = words(nets);
        if (!list.isEmpty()) {
            ArrayNode out = side.putArray("nets");
            list.forEach(out::add);
        }
        return side;
    }

    private static String text(@Nullable String s) {
        return s == null ? "" : s.strip();
    }

    private static List<String> words(@Nullable String s) {
        return s == null || s.isBlank()
                ? List.of()
                : Arrays.stream(s.strip().split("[\\s,]+"))
                        .filter(w -> !w.isEmpty())
                        .toList();
    }
}
