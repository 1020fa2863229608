package dev.tierdeck.engine.manifest;

import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.PolicyKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Decodes cluster manifests (the kinds listed in the evaluation contract) into model objects, collecting every
 * error and warning. Nothing here throws on bad input.
 */
public final class ManifestReader {

    private ManifestReader() {}

    /** Decodes one YAML or JSON text (multi-document, {@code kind: List} accepted). */
    public static Manifests read(String sourceName, String text) {
        Collector c = new Collector();
        c.readText(sourceName, text);
        return c.result();
    }

    /** Decodes documents already parsed into maps (for example from the Kubernetes API). */
    public static Manifests fromMaps(String sourceName, List<Map<String, Object>> documents) {
        Collector c = new Collector();
        for (int i = 0; i < documents.size(); i++) {
            c.document(sourceName, i + 1, documents.get(i));
        }
        return c.result();
    }

    /** Decodes files, and every {@code *.yaml}/{@code *.yml} file (sorted by name) of each directory given. */
    public static Manifests readPaths(List<Path> paths) {
        Collector c = new Collector();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> files;
                try (Stream<Path> s = Files.list(p)) {
                    files = s.filter(f -> {
                                String n = f.getFileName().toString();
                                return Files.isRegularFile(f) && (n.endsWith(".yaml") || n.endsWith(".yml"));
                            })
                            .sorted()
                            .toList();
                } catch (IOException e) {
                    c.errors.add(new ManifestProblem(p.toString(), 0, "", "cannot list directory: " + e.getMessage()));
                    continue;
                }
                if (files.isEmpty()) {
                    c.warnings.add(new ManifestProblem(p.toString(), 0, "", "no *.yaml or *.yml files in directory"));
                }
                files.forEach(c::readFile);
            } else {
                c.readFile(p);
            }
        }
        return c.result();
    }

    private static final class Collector {
        final List<ClusterObject> objects = new ArrayList<>();
        final List<ManifestProblem> errors = new ArrayList<>();
        final List<ManifestProblem> warnings = new ArrayList<>();

        void readFile(Path p) {
            String text;
            try {
                text = Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                errors.add(new ManifestProblem(p.toString(), 0, "", "cannot read file: " + e.getMessage()));
                return;
            }
            readText(p.toString(), text);
        }

        void readText(String source, String text) {
            YamlText.Read read = YamlText.read(text);
            int index = 0;
            for (Object doc : read.documents()) {
                index++;
                if (doc == null) {
                    continue;
                }
                if (doc instanceof Map<?, ?> m) {
                    document(source, index, Document.cast(m));
                } else {
                    errors.add(new ManifestProblem(
                            source, index, "", "a document must be an object, not " + Document.describe(doc)));
                }
            }
            YamlText.Problem problem = read.problem();
            if (problem != null) {
                errors.add(new ManifestProblem(
                        source,
                        Math.max(index + 1, 1),
                        "",
                        "malformed YAML" + problem.where() + ": " + problem.message()));
            }
        }

        void document(String source, int index, Map<String, Object> doc) {
            Object kind = doc.get("kind");
            if ("List".equals(kind)
                    || (kind instanceof String k && k.endsWith("List") && doc.get("items") instanceof List)) {
                Document d = new Document(source, index, "", errors, warnings);
                List<Map<String, Object>> items = d.objects(doc, "items", "items");
                for (int i = 0; i < items.size(); i++) {
                    object(new Document(source, index, "items[" + i + "].", errors, warnings), items.get(i));
                }
                return;
            }
            object(new Document(source, index, "", errors, warnings), doc);
        }

        private void object(Document d, Map<String, Object> doc) {
            String apiVersion = d.string(doc, "apiVersion", "apiVersion");
            String kind = d.string(doc, "kind", "kind");
            if (apiVersion == null || kind == null) {
                d.error(apiVersion == null ? "apiVersion" : "kind", "is required");
                return;
            }
            Map<String, Object> meta = d.map(doc, "metadata", "metadata");
            String name = d.string(meta, "name", "metadata.name");
            if (name == null || name.isEmpty()) {
                d.error("metadata.name", "is required");
                return;
            }
            String namespace = d.string(meta, "namespace", "metadata.namespace");
            String ns = namespace == null || namespace.isEmpty() ? "default" : namespace;
            Map<String, Object> spec = d.map(doc, "spec", "spec");
            ClusterObject o = switch (apiVersion + "/" + kind) {
                case "v1/Namespace",
                        "v1/Pod",
                        "v1/ServiceAccount",
                        "projectcalico.org/v3/Tier",
                        "projectcalico.org/v3/NetworkSet",
                        "projectcalico.org/v3/GlobalNetworkSet" ->
                    new WorkloadDecoder(d).decode(kind, name, ns, meta, doc);
                case "projectcalico.org/v3/NetworkPolicy" ->
                    new CalicoDecoder(d).policy(PolicyKind.NetworkPolicy, name, ns, meta, spec);
                case "projectcalico.org/v3/GlobalNetworkPolicy" ->
                    new CalicoDecoder(d).policy(PolicyKind.GlobalNetworkPolicy, name, null, meta, spec);
                case "projectcalico.org/v3/StagedNetworkPolicy" ->
                    new CalicoDecoder(d).policy(PolicyKind.StagedNetworkPolicy, name, ns, meta, spec);
                case "projectcalico.org/v3/StagedGlobalNetworkPolicy" ->
                    new CalicoDecoder(d).policy(PolicyKind.StagedGlobalNetworkPolicy, name, null, meta, spec);
                case "projectcalico.org/v3/StagedKubernetesNetworkPolicy" ->
                    new KubernetesDecoder(d).networkPolicy(name, ns, spec, true);
                case "networking.k8s.io/v1/NetworkPolicy" ->
                    new KubernetesDecoder(d).networkPolicy(name, ns, spec, false);
                case "policy.networking.k8s.io/v1alpha2/ClusterNetworkPolicy" ->
                    new KubernetesDecoder(d).clusterPolicy(name, spec);
                default -> {
                    d.warn("kind", "kind " + kind + " (" + apiVersion + ") is not read; ignored");
                    yield null;
                }
            };
            if (o != null) {
                objects.add(o);
            }
        }

        Manifests result() {
            return new Manifests(objects, errors, warnings);
        }
    }
}
