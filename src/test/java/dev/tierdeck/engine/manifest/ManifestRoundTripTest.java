package dev.tierdeck.engine.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.model.ClusterObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever the decoder accepts, the writer writes back so that decoding its text gives the same object: strings that
 * look like numbers, booleans or null, unicode and long values included.
 */
public class ManifestRoundTripTest {

    /** Strings a YAML reader would take for something else when written without quotes. */
    static final List<String> TRICKY = List.of(
            "2",
            "443",
            "8080",
            "1e3",
            "-1",
            "+1",
            "1.",
            "1.5",
            "0.5e+3",
            ".inf",
            "-.inf",
            ".NaN",
            "0x1F",
            "0o17",
            "017",
            "1_000",
            "0b101",
            "1:20",
            "8080:8090",
            "2001-12-14",
            "2001-12-14t21:59:43.10-05:00",
            "true",
            "True",
            "FALSE",
            "yes",
            "No",
            "on",
            "OFF",
            "y",
            "n",
            "~",
            "null",
            "Null",
            "NULL",
            "",
            " ",
            " x",
            "x ",
            "a: b",
            "a #b",
            "#x",
            "- x",
            "!x",
            "&x",
            "*x",
            "?x",
            "|x",
            ">x",
            "'x",
            "\"x",
            "%x",
            "@x",
            "`x",
            "[x",
            "{x",
            "x,y",
            "---",
            "...",
            "=",
            "<<",
            "über",
            "日本語",
            "😀",
            "a\nb",
            "a\tb",
            "a\\b",
            "NaN",
            "Infinity",
            "10.0.0.0/8",
            "x".repeat(Document.MAX_STRING));

    /** Valid names (DNS labels, or two joined by a dot) that also look like other things. */
    static final List<String> TRICKY_NAMES =
            List.of("2", "443", "8080", "1e3", "0x1f", "1.5", "1.e3", "017", "true", "yes", "no", "null", "y", "on");

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("trickyStrings")
    void everyTrickyStringComesBackAsTheSameString(String value) {
        Map<String, Object> manifest = policy("p", "a");
        if (Checks.isLabelValue(value)) {
            metadata(manifest).put("labels", new LinkedHashMap<>(Map.of("v", value)));
        }
        rule(manifest).put("http", Map.of("methods", List.of(value), "paths", List.of(Map.of("exact", value))));
        source(manifest).put("serviceAccounts", Map.of("names", List.of(value)));
        if (!value.contains("'") && value.length() < 1000) {
            source(manifest).put("selector", "app == '" + value + "'");
        }

        assertRoundTrips(manifest);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2", "443", "8080", "1e3", "0x1f", "1.5", "1.e3", "017", "true", "yes", "null", "y"})
    void namesNamespacesAndTiersThatLookLikeNumbersOrBooleansComeBack(String name) {
        Map<String, Object> manifest = policy(name, name);
        spec(manifest).put("tier", name.contains(".") ? "t" + name.replace(".", "") : name);
        destination(manifest).put("services", Map.of("name", name, "namespace", name));
        rule(manifest).remove("destination");
        rule(manifest).put("action", "Allow");
        Map<String, Object> egress = new LinkedHashMap<>();
        egress.put("action", "Allow");
        egress.put("destination", Map.of("services", Map.of("name", name, "namespace", name)));
        spec(manifest).put("egress", List.of(egress));

        assertRoundTrips(manifest);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void generatedPoliciesComeBackEqual(long seed) {
        assertRoundTrips(new Generator(new Random(seed)).policy());
    }

    static Stream<String> trickyStrings() {
        return TRICKY.stream();
    }

    static Stream<Long> seeds() {
        return IntStream.range(0, 400).mapToObj(i -> 7919L * i + 13);
    }

    private static void assertRoundTrips(Map<String, Object> manifest) {
        Manifests decoded = ManifestReader.fromMaps("generated", List.of(manifest));
        assertThat(decoded.errors()).as("the generator writes valid policies").isEmpty();
        ClusterObject policy = decoded.objects().getFirst();

        String yaml = ManifestWriter.toYaml(List.of(policy));
        Manifests back = ManifestReader.read("written", yaml);

        assertThat(back.errors()).as(yaml).isEmpty();
        assertThat(back.warnings()).as(yaml).isEmpty();
        assertThat(back.objects()).as(yaml).containsExactly(policy);
    }

    static Map<String, Object> policy(String name, String namespace) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("action", "Allow");
        rule.put("protocol", "TCP");
        rule.put("source", new LinkedHashMap<>());
        rule.put("destination", new LinkedHashMap<>(Map.of("ports", List.of(8080, "http", "9000:9100"))));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("tier", "default");
        spec.put("selector", "app == 'web'");
        spec.put("ingress", new ArrayList<>(List.of(rule)));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("apiVersion", "projectcalico.org/v3");
        manifest.put("kind", "NetworkPolicy");
        manifest.put("metadata", metadata);
        manifest.put("spec", spec);
        return manifest;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> manifest) {
        return (Map<String, Object>) manifest.get("metadata");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Map<String, Object> manifest) {
        return (Map<String, Object>) manifest.get("spec");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rule(Map<String, Object> manifest) {
        return ((List<Map<String, Object>>) spec(manifest).get("ingress")).getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> source(Map<String, Object> manifest) {
        return (Map<String, Object>) rule(manifest).get("source");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> destination(Map<String, Object> manifest) {
        return (Map<String, Object>) rule(manifest).get("destination");
    }

    /** Random valid NetworkPolicies and GlobalNetworkPolicies whose free text comes from {@link #TRICKY}. */
    public static final class Generator {

        private final Random random;

        public Generator(Random random) {
            this.random = random;
        }

        public Map<String, Object> policy() {
            boolean global = random.nextBoolean();
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("name", pick(TRICKY_NAMES));
            if (!global) {
                metadata.put("namespace", pick(TRICKY_NAMES).replace(".", ""));
            }
            if (random.nextBoolean()) {
                Map<String, Object> labels = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i >= 0; i--) {
                    String value = text();
                    labels.put("k" + i, Checks.isLabelValue(value) ? value : "v" + i);
                }
                metadata.put("labels", labels);
            }
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("tier", pick(TRICKY_NAMES).replace(".", ""));
            if (random.nextBoolean()) {
                spec.put("order", random.nextBoolean() ? random.nextInt(2000) : random.nextDouble() * 1000);
            }
            spec.put("selector", selector());
            if (global && random.nextBoolean()) {
                spec.put("namespaceSelector", selector());
            }
            if (random.nextBoolean()) {
                spec.put("serviceAccountSelector", selector());
            }
            List<Object> ingress = new ArrayList<>();
            List<Object> egress = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                ingress.add(rule(true));
            }
            for (int i = random.nextInt(3); i > 0; i--) {
                egress.add(rule(false));
            }
            if (!ingress.isEmpty()) {
                spec.put("ingress", ingress);
            }
            if (!egress.isEmpty()) {
                spec.put("egress", egress);
            }
            if (random.nextBoolean()) {
                spec.put("types", random.nextBoolean() ? List.of("Ingress") : List.of("Ingress", "Egress"));
            }
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("apiVersion", "projectcalico.org/v3");
            manifest.put("kind", global ? "GlobalNetworkPolicy" : "NetworkPolicy");
            manifest.put("metadata", metadata);
            manifest.put("spec", spec);
            return manifest;
        }

        private Map<String, Object> rule(boolean ingress) {
            Map<String, Object> rule = new LinkedHashMap<>();
            boolean http = ingress && random.nextInt(4) == 0;
            rule.put("action", http ? "Allow" : pick(List.of("Allow", "Deny", "Log", "Pass")));
            int kind = random.nextInt(4);
            if (kind == 0) {
                rule.put("protocol", pick(List.of("TCP", "UDP", "SCTP")));
            } else if (kind == 1) {
                rule.put("protocol", "ICMP");
                rule.put("ipVersion", 4);
                rule.put("icmp", Map.of("type", random.nextInt(255), "code", random.nextInt(256)));
            } else if (kind == 2) {
                rule.put("protocol", 6);
            }
            if (http) {
                rule.remove("ipVersion");
                rule.remove("icmp");
                rule.put("protocol", "TCP");
                rule.put(
                        "http",
                        Map.of(
                                "methods",
                                List.of(text(), "GET"),
                                "paths",
                                List.of(Map.of("exact", text()), Map.of("prefix", text()))));
            }
            Map<String, Object> peer = new LinkedHashMap<>();
            switch (random.nextInt(4)) {
                case 0 -> peer.put("selector", selector());
                case 1 -> peer.put("nets", List.of("10.0.0.0/8", "192.168.1.0/24"));
                case 2 -> peer.put("serviceAccounts", Map.of("names", List.of(text(), nonEmpty())));
                default -> peer.put("namespaceSelector", selector());
            }
            Map<String, Object> ports = new LinkedHashMap<>();
            Object protocol = rule.get("protocol");
            if ("TCP".equals(protocol)
                    || "UDP".equals(protocol)
                    || Integer.valueOf(6).equals(protocol)) {
                ports.put("ports", List.of(1 + random.nextInt(65535), "8000:9000", "http"));
            }
            if (ingress) {
                rule.put("source", peer);
                if (!ports.isEmpty()) {
                    rule.put("destination", ports);
                }
            } else {
                peer.putAll(ports);
                rule.put("destination", peer);
            }
            return rule;
        }

        /** A selector comparing a label with a tricky value, or one of the functions. */
        private String selector() {
            String value = text();
            if (value.length() > 1000) {
                value = value.substring(0, 1000);
            }
            return switch (random.nextInt(4)) {
                case 0 -> "all()";
                case 1 -> "has(app)";
                default ->
                    value.contains("'") ? "app == \"" + value.replace("\"", "") + "\"" : "app == '" + value + "'";
            };
        }

        private String text() {
            return random.nextInt(5) == 0 ? randomUnicode() : pick(TRICKY);
        }

        private String nonEmpty() {
            String text = text();
            return text.isEmpty() ? "x" : text;
        }

        /** Letters from several scripts, digits and punctuation. */
        private String randomUnicode() {
            StringBuilder s = new StringBuilder();
            int[] ranges = {0x21, 0x7e, 0xa1, 0x17f, 0x391, 0x3c9, 0x4e00, 0x4fff, 0x1f600, 0x1f64f};
            for (int i = 1 + random.nextInt(20); i > 0; i--) {
                int r = random.nextInt(ranges.length / 2) * 2;
                s.appendCodePoint(ranges[r] + random.nextInt(ranges[r + 1] - ranges[r] + 1));
            }
            return s.toString();
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }
    }
}
