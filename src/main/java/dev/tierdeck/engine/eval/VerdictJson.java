package dev.tierdeck.engine.eval;

import org.jspecify.annotations.Nullable;

/**
 * A verdict as one JSON object of the evaluation contract ({@code evaluate} output), keys in the contract's order.
 * The command line and the portal's explain API both print it through here, so they cannot drift apart.
 */
public final class VerdictJson {

    private VerdictJson() {}

    /** The whole evaluate line for one flow: {@code {"id":...,"action":...,...}} without a line break. */
    public static String line(FlowVerdict v) {
        StringBuilder s = new StringBuilder(640);
        s.append("{\"id\":");
        string(s, v.id());
        return s.append(',').append(body(v)).toString();
    }

    /** Everything of an evaluate line after {@code "id":...,}, closing brace included. */
    public static String body(FlowVerdict v) {
        StringBuilder s = new StringBuilder(512);
        s.append("\"action\":\"")
                .append(v.action())
                .append("\",\"pendingAction\":\"")
                .append(v.pendingAction());
        s.append("\",\"enforced\":");
        trace(s, v.enforced());
        s.append(",\"pending\":");
        trace(s, v.pending());
        return s.append('}').toString();
    }

    /** Appends {@code v} as a JSON string ({@code null} as the JSON null). */
    public static void string(StringBuilder s, @Nullable String v) {
        if (v == null) {
            s.append("null");
            return;
        }
        s.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        s.append('"');
    }

    private static void trace(StringBuilder s, Trace t) {
        s.append("{\"egress\":");
        direction(s, t.egress());
        s.append(",\"ingress\":");
        direction(s, t.ingress());
        s.append('}');
    }

    private static void direction(StringBuilder s, @Nullable DirectionVerdict d) {
        if (d == null) {
            s.append("null");
            return;
        }
        s.append("{\"action\":\"").append(d.action()).append("\",\"hits\":[");
        for (int i = 0; i < d.hits().size(); i++) {
            if (i > 0) {
                s.append(',');
            }
            PolicyHit h = d.hits().get(i);
            s.append("{\"tier\":");
            string(s, h.tier());
            s.append(",\"kind\":");
            string(s, h.kind());
            s.append(",\"namespace\":");
            string(s, h.namespace());
            s.append(",\"name\":");
            string(s, h.name());
            s.append(",\"ruleIndex\":")
                    .append(h.ruleIndex())
                    .append(",\"action\":\"")
                    .append(h.action())
                    .append("\"}");
        }
        s.append("]}");
    }
}
