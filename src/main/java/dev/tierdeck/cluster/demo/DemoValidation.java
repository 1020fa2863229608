package dev.tierdeck.cluster.demo;

import dev.tierdeck.cluster.ClusterKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The checks the demo cluster makes before it stores (or dry-runs) an object, answered with field paths like a real
 * API server: Calico's published CRD schemas for the Calico kinds (see {@link CalicoSchemas}), then the checks a
 * schema cannot express (names, tiers that must exist).
 */
final class DemoValidation {

    record Cause(String field, String message) {}

    private static final Pattern SUBDOMAIN =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Set<String> ACTIONS = Set.of("Allow", "Deny", "Log", "Pass");
    private static final Set<String> STAGED_ACTIONS = Set.of("Set", "Delete", "Learn", "Ignore");
    private static final Set<String> TYPES = Set.of("Ingress", "Egress");

    private DemoValidation() {}

    /**
     * @param tierExists whether a Calico tier of that name exists (calico-semantics.md §1.2: a policy can only be
     *     created in a tier that exists)
     */
    static List<Cause> validate(
            ClusterKind kind, ApiPath path, Map<String, Object> object, Predicate<String> tierExists) {
        List<Cause> causes = new ArrayList<>(CalicoSchemas.get().validate(kind, object));
        if (!kind.apiVersion().equals(object.get("apiVersion")) || !kind.kind().equals(object.get("kind"))) {
            causes.add(new Cause(
                    "kind",
                    "expected " + kind.apiVersion() + " " + kind.kind() + " on this path, got "
                            + object.get("apiVersion") + " " + object.get("kind")));
        }
        Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        String name = metadata.get("name") instanceof String s ? s : "";
        if (name.isEmpty()) {
            causes.add(new Cause("metadata.name", "Required value: name is required"));
        } else if (name.length() > 253 || !SUBDOMAIN.matcher(name).matches()) {
            causes.add(new Cause(
                    "metadata.name", "Invalid value: \"" + name + "\": must be a lowercase RFC 1123 subdomain"));
        }
        if (path.name() != null && !path.name().equals(name)) {
            causes.add(
                    new Cause("metadata.name", "Invalid value: \"" + name + "\": does not match the name in the URL"));
        }
        Map<?, ?> spec = object.get("spec") instanceof Map<?, ?> s ? s : Map.of();
        switch (kind) {
            case TIER -> {
                if (!name.isEmpty()
                        && (name.length() > 63 || !LABEL.matcher(name).matches())) {
                    causes.add(new Cause("metadata.name", "Invalid value: \"" + name + "\": tier names have no dots"));
                }
                Object defaultAction = spec.get("defaultAction");
                if (defaultAction != null && !Set.of("Deny", "Pass").contains(defaultAction)) {
                    causes.add(new Cause("spec.defaultAction", "Unsupported value: \"" + defaultAction + "\""));
                }
            }
            case CALICO_NETWORK_POLICY, GLOBAL_NETWORK_POLICY, STAGED_NETWORK_POLICY, STAGED_GLOBAL_NETWORK_POLICY -> {
                String tier = spec.get("tier") instanceof String t && !t.isEmpty() ? t : "default";
                if (!tier.equals("default") && !tierExists.test(tier)) {
                    causes.add(new Cause("spec.tier", "Invalid value: \"" + tier + "\": tier does not exist"));
                }
                checkRules(spec, "ingress", causes);
                checkRules(spec, "egress", causes);
                if (spec.get("types") instanceof List<?> types) {
                    for (int i = 0; i < types.size(); i++) {
                        if (!TYPES.contains(types.get(i))) {
                            causes.add(
                                    new Cause("spec.types[" + i + "]", "Unsupported value: \"" + types.get(i) + "\""));
                        }
                    }
                }
            }
            case KUBERNETES_NETWORK_POLICY -> {
                if (!(spec.get("podSelector") instanceof Map<?, ?>)) {
                    causes.add(new Cause("spec.podSelector", "Required value"));
                }
            }
            default -> {}
        }
        if (kind.kind().startsWith("Staged") && spec.get("stagedAction") != null) {
            if (!STAGED_ACTIONS.contains(spec.get("stagedAction"))) {
                causes.add(new Cause("spec.stagedAction", "Unsupported value: \"" + spec.get("stagedAction") + "\""));
            }
        }
        // the schema's answer for a field comes first; the older checks only add fields it did not name
        Set<String> named = new java.util.HashSet<>();
        return causes.stream().filter(c -> named.add(c.field())).toList();
    }

    private static void checkRules(Map<?, ?> spec, String direction, List<Cause> causes) {
        if (spec.get(direction) instanceof List<?> rules) {
            for (int i = 0; i < rules.size(); i++) {
                Object action = rules.get(i) instanceof Map<?, ?> rule ? rule.get("action") : null;
                if (!ACTIONS.contains(action)) {
                    causes.add(new Cause(
                            "spec." + direction + "[" + i + "].action",
                            action == null ? "Required value" : "Unsupported value: \"" + action + "\""));
                }
            }
        }
    }
}
