package dev.tierdeck.tier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.Namespace;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The estate and the helpers the guardrail corpus is checked with: the cluster of {@code tier/guardrails/cluster.yaml},
 * a policy in payments that selects {@code app == 'api'}, written by a member of the team that owns payments and
 * checkout.
 */
final class GuardrailCorpus {

    static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Set<String> TEAM = Set.of("payments", "checkout");
    static final ClusterState CLUSTER = cluster();

    private GuardrailCorpus() {}

    private static ClusterState cluster() {
        Manifests m = ManifestReader.read("cluster.yaml", resource("cluster.yaml"));
        assertThat(m.errors()).as("the corpus cluster decodes").isEmpty();
        return m.state();
    }

    static String resource(String name) {
        try (InputStream in = GuardrailCorpus.class.getResourceAsStream("/tier/guardrails/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no corpus file " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The built-in rules with {@code settings} merged in, written as the API writes them. */
    @SuppressWarnings("unchecked")
    static GuardrailRules rules(Map<String, Object> settings) {
        Map<String, Object> defaults = JSON.readValue(JSON.writeValueAsString(GuardrailRules.DEFAULTS), Map.class);
        settings.forEach((key, value) -> {
            Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) defaults.get(key));
            merged.putAll((Map<String, Object>) value);
            defaults.put(key, merged);
        });
        return JSON.readValue(JSON.writeValueAsString(defaults), GuardrailRules.class);
    }

    static GuardrailContext context(GuardrailRules rules) {
        Map<String, Map<String, String>> namespaces =
                CLUSTER.namespaces().stream().collect(Collectors.toMap(Namespace::name, Namespace::labels));
        return new GuardrailContext(rules, TEAM, namespaces, Map.of(), CLUSTER);
    }

    /** A NetworkPolicy payments/under-test with this spec; {@code selector: app == 'api'} unless the spec has one. */
    @SuppressWarnings("unchecked")
    static CalicoPolicy policy(String specYaml) {
        Map<String, Object> spec = new LinkedHashMap<>(YAML.readValue(specYaml, Map.class));
        spec.putIfAbsent("selector", "app == 'api'");
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("apiVersion", "projectcalico.org/v3");
        manifest.put("kind", "NetworkPolicy");
        manifest.put("metadata", Map.of("name", "under-test", "namespace", "payments"));
        manifest.put("spec", spec);
        Manifests m = ManifestReader.fromMaps("corpus", List.of(manifest));
        assertThat(m.errors())
                .as("the corpus policy is valid Calico: %s", specYaml)
                .isEmpty();
        return (CalicoPolicy) m.objects().getFirst();
    }

    static List<Violation> check(String specYaml, GuardrailRules rules) {
        return GuardrailCheck.check(policy(specYaml), context(rules));
    }
}
