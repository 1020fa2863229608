package dev.tierdeck.engine.eval;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The comparison the conformance examples use: expected objects are key subsets, lists match element by element. */
public final class JsonSubset {

    private JsonSubset() {}

    /** Paths where {@code expected} is not contained in {@code actual}; empty when it is. */
    public static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare(expected, actual, "", out);
        return out;
    }

    private static void compare(JsonNode exp, JsonNode act, String path, List<String> out) {
        if (exp.isObject()) {
            if (act == null || !act.isObject()) {
                out.add(path + ": expected an object, got " + act);
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = exp.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                JsonNode a = act.get(f.getKey());
                if (a == null) {
                    out.add(path + "." + f.getKey() + ": missing");
                } else {
                    compare(f.getValue(), a, path + "." + f.getKey(), out);
                }
            }
            return;
        }
        if (exp.isArray()) {
            if (act == null || !act.isArray() || act.size() != exp.size()) {
                out.add(path + ": expected " + exp + ", got " + act);
                return;
            }
            for (int i = 0; i < exp.size(); i++) {
                compare(exp.get(i), act.get(i), path + "[" + i + "]", out);
            }
            return;
        }
        if (!exp.equals(act)) {
            out.add(path + ": expected " + exp + ", got " + act);
        }
    }
}
