package dev.tierdeck.cli;

import dev.tierdeck.engine.eval.DirectionVerdict;
import dev.tierdeck.engine.eval.FlowVerdict;
import dev.tierdeck.engine.eval.PolicyHit;
import dev.tierdeck.engine.eval.Trace;
import org.jspecify.annotations.Nullable;

/** Writes verdicts as the JSON lines of the evaluation contract, keys in the contract's order. */
final class Json {

    private Json() {}

    static void string(StringBuilder s, @Nullable String v) {
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

    /** Everything of an evaluate line after {@code "id":...,}. */
    static String verdictBody(FlowVerdict v) {
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
