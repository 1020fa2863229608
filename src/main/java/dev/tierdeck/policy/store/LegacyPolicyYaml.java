package dev.tierdeck.policy.store;

import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.YamlText;
import dev.tierdeck.engine.model.CalicoPolicy;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads policy text stored by earlier versions, whose writer left strings that look like numbers unquoted
 * ({@code version: 2} for the label value {@code "2"}, {@code name: 443}), so that they read back as numbers and the
 * row no longer decoded. Every number-like scalar is taken as its text, then the few fields of a Calico policy that
 * really are numbers get their numbers back: {@code spec.order}, and per rule {@code ipVersion}, numeric protocols,
 * ICMP type and code, and single ports.
 */
final class LegacyPolicyYaml {

    private static final List<String> DIRECTIONS = List.of("ingress", "egress");
    private static final List<String> SIDES = List.of("source", "destination");

    private LegacyPolicyYaml() {}

    /** The policy the text was meant to hold, or null when it does not decode this way either. */
    static @Nullable CalicoPolicy read(String yaml) {
        YamlText.Read read = YamlText.readNumbersAsText(yaml);
        List<@Nullable Object> documents =
                read.documents().stream().filter(d -> d != null).toList();
        if (!read.ok() || documents.size() != 1 || !(documents.getFirst() instanceof Map<?, ?> document)) {
            return null;
        }
        if (map(document.get("spec")) instanceof Map<String, Object> spec) {
            number(spec, "order", false);
            for (String direction : DIRECTIONS) {
                if (spec.get(direction) instanceof List<?> rules) {
                    rules.forEach(rule -> rule(map(rule)));
                }
            }
        }
        return PolicyYaml.single(ManifestReader.fromMaps("stored policy", List.of(cast(document))));
    }

    private static void rule(@Nullable Map<String, Object> rule) {
        if (rule == null) {
            return;
        }
        number(rule, "ipVersion", true);
        number(rule, "protocol", true);
        number(rule, "notProtocol", true);
        for (String icmp : List.of("icmp", "notICMP")) {
            if (map(rule.get(icmp)) instanceof Map<String, Object> match) {
                number(match, "type", true);
                number(match, "code", true);
            }
        }
        for (String side : SIDES) {
            if (map(rule.get(side)) instanceof Map<String, Object> entity) {
                for (String key : List.of("ports", "notPorts")) {
                    if (entity.get(key) instanceof List<?> ports) {
                        entity.put(
                                key, ports.stream().map(LegacyPolicyYaml::port).toList());
                    }
                }
            }
        }
    }

    /** A single port was written as a number; ranges and names were strings. */
    private static @Nullable Object port(@Nullable Object port) {
        return port instanceof String s && s.matches("[0-9]{1,9}") ? (Object) Integer.parseInt(s) : port;
    }

    /** Gives a field written as a number its number back (only plain digits when {@code integer}). */
    private static void number(Map<String, Object> m, String key, boolean integer) {
        if (!(m.get(key) instanceof String s)) {
            return;
        }
        if (s.matches("-?[0-9]{1,9}")) {
            m.put(key, Integer.parseInt(s));
        } else if (!integer) {
            try {
                m.put(key, Double.parseDouble(s));
            } catch (NumberFormatException e) {
                // not a number after all: the decoder names the field
            }
        }
    }

    private static @Nullable Map<String, Object> map(@Nullable Object value) {
        return value instanceof Map<?, ?> m ? cast(m) : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
