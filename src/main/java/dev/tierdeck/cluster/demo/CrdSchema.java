package dev.tierdeck.cluster.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The structural OpenAPI schema of one CRD version, applied to an object as a Kubernetes API server applies it
 * before storing: defaults filled in, then types, enums, patterns, lengths, item and value bounds, required
 * fields, unique list items and the {@code x-kubernetes-validations} rules, each failure named by its field path.
 * Fields the schema does not know are pruned by a real server, not refused, and are left alone here.
 */
final class CrdSchema {

    private final Map<String, Object> root;
    private final Map<Object, List<Validation>> validations = new IdentityHashMap<>();
    private final Map<String, Pattern> patterns = new java.util.HashMap<>();

    private record Validation(CelRule rule, String message) {}

    /**
     * @param crd a CustomResourceDefinition manifest
     * @param version the version whose schema applies
     * @throws IllegalArgumentException when the version has no schema or a rule is outside what {@link CelRule} reads
     */
    static CrdSchema of(Map<String, Object> crd, String version) {
        Map<String, Object> spec = map(crd.get("spec"));
        for (Object v : list(spec.get("versions"))) {
            Map<String, Object> entry = map(v);
            if (version.equals(entry.get("name"))) {
                Map<String, Object> schema = map(map(entry.get("schema")).get("openAPIV3Schema"));
                if (schema.isEmpty()) {
                    break;
                }
                return new CrdSchema(schema);
            }
        }
        throw new IllegalArgumentException(
                "the CRD " + map(crd.get("metadata")).get("name") + " has no schema for " + version);
    }

    private CrdSchema(Map<String, Object> root) {
        this.root = root;
        prepare(root);
    }

    /** Parses every rule and pattern once, so that a schema the validator cannot apply fails when it is loaded. */
    private void prepare(Object node) {
        if (node instanceof Map<?, ?> m) {
            if (m.get("x-kubernetes-validations") instanceof List<?> rules) {
                List<Validation> parsed = new ArrayList<>();
                for (Object r : rules) {
                    Map<String, Object> rule = map(r);
                    String text = String.valueOf(rule.get("rule"));
                    String message = rule.get("message") instanceof String s ? s : "failed rule: " + text;
                    parsed.add(new Validation(CelRule.parse(text), message));
                }
                validations.put(m, parsed);
            }
            if (m.get("pattern") instanceof String p) {
                patterns.computeIfAbsent(p, Pattern::compile);
            }
            m.values().forEach(this::prepare);
        } else if (node instanceof List<?> l) {
            l.forEach(this::prepare);
        }
    }

    /** What the server would refuse in {@code object}, field by field; empty when it is accepted. */
    List<DemoValidation.Cause> validate(Map<String, Object> object) {
        List<DemoValidation.Cause> causes = new ArrayList<>();
        check(object, root, "", causes);
        return causes;
    }

    /** Checks {@code value} against {@code schema}; returns it with defaults filled in (for the rules above it). */
    private Object check(Object value, Map<String, Object> schema, String path, List<DemoValidation.Cause> causes) {
        int before = causes.size();
        Object effective = value;
        if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
            if (!(value instanceof Integer || value instanceof Long || value instanceof String)) {
                causes.add(invalid(path, value, "must be an integer or a string"));
                return value;
            }
        } else if (schema.get("type") instanceof String type && !hasType(value, type)) {
            causes.add(invalid(path, value, "must be of type " + type));
            return value;
        }
        switch (value) {
            case Map<?, ?> m -> effective = object(m, schema, path, causes);
            case List<?> l -> effective = array(l, schema, path, causes);
            case String s -> string(s, schema, path, causes);
            case Number n -> number(n, schema, path, causes);
            default -> {}
        }
        if (schema.get("enum") instanceof List<?> allowed && allowed.stream().noneMatch(a -> same(a, value))) {
            causes.add(new DemoValidation.Cause(
                    path,
                    "Unsupported value: " + render(value) + ": supported values: "
                            + allowed.stream().map(CrdSchema::render).collect(Collectors.joining(", "))));
        }
        for (Object sub : list(schema.get("allOf"))) {
            check(value, map(sub), path, causes);
        }
        if (schema.get("anyOf") instanceof List<?> anyOf
                && !Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
            boolean any = anyOf.stream()
                    .anyMatch(sub -> validate(value, map(sub), path).isEmpty());
            if (!any) {
                causes.add(invalid(path, value, "must validate at least one schema (anyOf)"));
            }
        }
        if (causes.size() == before) {
            for (Validation v : validations.getOrDefault(schema, List.of())) {
                try {
                    if (!v.rule().holds(effective)) {
                        causes.add(new DemoValidation.Cause(path, "Invalid value: " + v.message()));
                    }
                } catch (CelRule.EvaluationException e) {
                    causes.add(new DemoValidation.Cause(
                            path, "Invalid value: " + v.message() + " (" + e.getMessage() + ")"));
                }
            }
        }
        return effective;
    }

    private List<DemoValidation.Cause> validate(Object value, Map<String, Object> schema, String path) {
        List<DemoValidation.Cause> causes = new ArrayList<>();
        check(value, schema, path, causes);
        return causes;
    }

    private Map<String, Object> object(
            Map<?, ?> value, Map<String, Object> schema, String path, List<DemoValidation.Cause> causes) {
        Map<String, Object> properties = map(schema.get("properties"));
        Map<String, Object> effective = new LinkedHashMap<>();
        value.forEach((k, v) -> effective.put(String.valueOf(k), v));
        properties.forEach((name, sub) -> {
            Map<String, Object> subSchema = map(sub);
            if (effective.get(name) == null && subSchema.containsKey("default")) {
                effective.put(name, subSchema.get("default"));
            }
        });
        for (Map.Entry<String, Object> e : List.copyOf(effective.entrySet())) {
            if (e.getValue() == null) {
                // a null for a field that is not nullable is dropped, as the server prunes it
                effective.remove(e.getKey());
                continue;
            }
            Object sub = properties.get(e.getKey());
            if (sub == null && schema.get("additionalProperties") instanceof Map<?, ?> additional) {
                sub = additional;
            }
            if (sub != null) {
                effective.put(e.getKey(), check(e.getValue(), map(sub), join(path, e.getKey()), causes));
            }
        }
        for (Object required : list(schema.get("required"))) {
            if (effective.get(String.valueOf(required)) == null) {
                causes.add(new DemoValidation.Cause(join(path, String.valueOf(required)), "Required value"));
            }
        }
        return effective;
    }

    private List<Object> array(
            List<?> value, Map<String, Object> schema, String path, List<DemoValidation.Cause> causes) {
        if (schema.get("maxItems") instanceof Number max && value.size() > max.intValue()) {
            causes.add(new DemoValidation.Cause(
                    path, "Too many: " + value.size() + ": must have at most " + max.intValue() + " items"));
        }
        if (schema.get("minItems") instanceof Number min && value.size() < min.intValue()) {
            causes.add(new DemoValidation.Cause(
                    path, "Invalid value: " + value.size() + ": should have at least " + min.intValue() + " items"));
        }
        Map<String, Object> items = map(schema.get("items"));
        List<Object> effective = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            Object item = value.get(i);
            effective.add(items.isEmpty() || item == null ? item : check(item, items, path + "[" + i + "]", causes));
        }
        Object listType = schema.get("x-kubernetes-list-type");
        if ("set".equals(listType) || "map".equals(listType)) {
            List<String> keys = list(schema.get("x-kubernetes-list-map-keys")).stream()
                    .map(String::valueOf)
                    .toList();
            Set<Object> seen = new HashSet<>();
            for (int i = 0; i < effective.size(); i++) {
                Object item = effective.get(i);
                Object identity = "map".equals(listType) && item instanceof Map<?, ?> m
                        ? keys.stream().map(m::get).toList()
                        : item;
                if (!seen.add(identity)) {
                    causes.add(new DemoValidation.Cause(path + "[" + i + "]", "Duplicate value: " + render(identity)));
                }
            }
        }
        return effective;
    }

    private void string(String value, Map<String, Object> schema, String path, List<DemoValidation.Cause> causes) {
        int length = value.codePointCount(0, value.length());
        if (schema.get("maxLength") instanceof Number max && length > max.intValue()) {
            causes.add(new DemoValidation.Cause(path, "Too long: may not be more than " + max.intValue() + " bytes"));
        }
        if (schema.get("minLength") instanceof Number min && length < min.intValue()) {
            causes.add(invalid(path, value, "should be at least " + min.intValue() + " chars long"));
        }
        if (schema.get("pattern") instanceof String p
                && !patterns.get(p).matcher(value).find()) {
            causes.add(invalid(path, value, "should match '" + p + "'"));
        }
    }

    private static void number(
            Number value, Map<String, Object> schema, String path, List<DemoValidation.Cause> causes) {
        double v = value.doubleValue();
        if (schema.get("maximum") instanceof Number max && v > max.doubleValue()) {
            causes.add(invalid(path, value, "should be less than or equal to " + max));
        }
        if (schema.get("minimum") instanceof Number min && v < min.doubleValue()) {
            causes.add(invalid(path, value, "should be greater than or equal to " + min));
        }
        if ("int32".equals(schema.get("format")) && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)) {
            causes.add(invalid(path, value, "must fit a 32-bit integer"));
        }
    }

    private static boolean hasType(Object value, String type) {
        return switch (type) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "integer" ->
                value instanceof Integer
                        || value instanceof Long
                        || value instanceof Short
                        || value instanceof java.math.BigInteger;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            default -> true;
        };
    }

    private static boolean same(Object allowed, Object value) {
        if (allowed instanceof Number a && value instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return allowed.equals(value);
    }

    private static DemoValidation.Cause invalid(String path, Object value, String why) {
        return new DemoValidation.Cause(path, "Invalid value: " + render(value) + ": " + why);
    }

    private static String render(Object value) {
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
