package dev.tierdeck.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The manifests `helm template` produces for the chart in helm/tierdeck, parsed. */
record RenderedChart(List<JsonNode> manifests) {

    static final Path CHART = Path.of("helm", "tierdeck");
    static final String RELEASE = "tierdeck";
    static final String NAMESPACE = "tierdeck";

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    /** Renders with the chart's own values, plus the given values file when not null. */
    static RenderedChart render(Path valuesFile) {
        var template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
        if (valuesFile != null) {
            template = template.withValuesFile(valuesFile);
        }
        return parse(template.call());
    }

    /** Renders with the chart's values overridden by the given YAML text. */
    static RenderedChart render(Path directory, String valuesYaml) {
        return render(writeValues(directory, valuesYaml));
    }

    static Path writeValues(Path directory, String valuesYaml) {
        try {
            return Files.writeString(Files.createTempFile(directory, "values-", ".yaml"), valuesYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RenderedChart parse(String manifests) {
        var documents = new ArrayList<JsonNode>();
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifests)) {
            while (values.hasNext()) {
                JsonNode document = values.next();
                // helm emits empty documents for templates switched off by their condition
                if (document != null && document.isObject() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        }
        return new RenderedChart(List.copyOf(documents));
    }

    List<JsonNode> all(String kind) {
        return manifests.stream()
                .filter(m -> Objects.equals(kind, m.path("kind").asString()))
                .toList();
    }

    JsonNode one(String kind) {
        var found = all(kind);
        assertThat(found).as("rendered %s objects", kind).hasSize(1);
        return found.getFirst();
    }

    List<String> kinds() {
        return manifests.stream().map(m -> m.path("kind").asString()).toList();
    }

    /** The portal container of the Deployment. */
    JsonNode container() {
        return one("Deployment").at("/spec/template/spec/containers/0");
    }

    String configValue(String key) {
        return one("ConfigMap").path("data").path(key).asString();
    }
}
