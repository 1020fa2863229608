package dev.tierdeck.policy.editor;

import dev.tierdeck.engine.manifest.ManifestProblem;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.ManifestWriter;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.PolicyKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The editor's YAML side: canonical YAML of a policy ({@link ManifestWriter}), and YAML or a form's manifest decoded
 * with Calico's validation ({@link ManifestReader}) into exactly one policy of the kind and namespace being edited.
 */
final class PolicyYaml {

    /** Longer YAML is refused before parsing: a policy is a few kilobytes. */
    static final int MAX_LENGTH = 256 * 1024;

    private PolicyYaml() {}

    /**
     * A problem found in YAML or in the form's manifest.
     *
     * @param path the manifest field, e.g. {@code spec.ingress[1].source.nets[0]}; empty for the whole document
     * @param line the YAML line it starts on, 0 when unknown
     */
    record Problem(String path, int line, String message) {
        String describe() {
            return (line > 0 ? "Line " + line + ": " : "") + (path.isEmpty() ? "" : path + ": ") + message;
        }
    }

    /** A decoded policy, or the problems that stopped it. */
    record Decoded(@Nullable CalicoPolicy policy, List<Problem> problems) {
        boolean ok() {
            return policy != null;
        }
    }

    static String toYaml(CalicoPolicy policy) {
        String text = ManifestWriter.toYaml(List.of(policy));
        return text.startsWith("---\n") ? text.substring(4) : text;
    }

    /** The form's manifest as YAML, for showing a form that does not decode yet. */
    static String toYaml(Map<String, Object> manifest) {
        String text = ManifestWriter.toYaml(manifest);
        return text.startsWith("---\n") ? text.substring(4) : text;
    }

    static Decoded decode(Map<String, Object> manifest, PolicyKind kind, @Nullable String namespace) {
        Manifests m = ManifestReader.fromMaps("form", List.of(manifest));
        return result(m, kind, namespace, YamlLines.of(""));
    }

    static Decoded parse(String text, PolicyKind kind, @Nullable String namespace) {
        if (text.length() > MAX_LENGTH) {
            return new Decoded(null, List.of(new Problem("", 0, "The YAML is longer than 256 KiB.")));
        }
        if (text.isBlank()) {
            return new Decoded(null, List.of(new Problem("", 0, "The YAML is empty: write one " + kind + ".")));
        }
        return result(ManifestReader.read("yaml", text), kind, namespace, YamlLines.of(text));
    }

    private static Decoded result(Manifests m, PolicyKind kind, @Nullable String namespace, YamlLines lines) {
        List<Problem> problems = new ArrayList<>();
        for (ManifestProblem e : m.errors()) {
            if (e.document() > 1) {
                problems.add(new Problem("", 0, "Write exactly one policy: document " + e.document() + " is extra."));
                continue;
            }
            problems.add(new Problem(e.path(), lines.lineOf(e.path()), sentence(e.message())));
        }
        // Unknown fields are refused as the API refuses them: a misspelt field is never dropped silently.
        for (ManifestProblem w : m.warnings()) {
            problems.add(new Problem(w.path(), lines.lineOf(w.path()), unknown(w)));
        }
        if (!problems.isEmpty()) {
            return new Decoded(null, problems);
        }
        List<ClusterObject> objects = m.objects();
        if (objects.size() != 1) {
            String message = objects.isEmpty()
                    ? "Write one " + kind + " (apiVersion projectcalico.org/v3)."
                    : "Write exactly one policy, not " + objects.size() + " documents.";
            return new Decoded(null, List.of(new Problem("", 0, message)));
        }
        if (!(objects.getFirst() instanceof CalicoPolicy p) || p.kind() != kind) {
            return new Decoded(
                    null,
                    List.of(new Problem(
                            "kind",
                            lines.lineOf("kind"),
                            "This editor writes a " + kind + " (apiVersion projectcalico.org/v3).")));
        }
        if (p.kind().namespaced() && namespace != null && !lines.has("metadata.namespace") && !lines.isEmpty()) {
            // Like kubectl, YAML without metadata.namespace goes to the namespace at hand.
            p = inNamespace(p, namespace);
        }
        if (!Objects.equals(p.namespace(), namespace)) {
            return new Decoded(
                    null,
                    List.of(new Problem(
                            "metadata.namespace",
                            lines.lineOf("metadata.namespace"),
                            "The policy must be in namespace " + namespace + ", the namespace being edited.")));
        }
        return new Decoded(p, List.of());
    }

    private static CalicoPolicy inNamespace(CalicoPolicy p, String namespace) {
        return new CalicoPolicy(
                p.kind(),
                namespace,
                p.name(),
                p.tier(),
                p.order(),
                p.selector(),
                p.namespaceSelector(),
                p.serviceAccountSelector(),
                p.types(),
                p.ingress(),
                p.egress(),
                p.stagedAction(),
                p.doNotTrack(),
                p.preDNAT(),
                p.applyOnForward(),
                p.labels());
    }

    /** "unknown field, ignored" reads as a refusal here, naming the field. */
    private static String unknown(ManifestProblem warning) {
        String field = warning.path().substring(warning.path().lastIndexOf('.') + 1);
        return warning.message().startsWith("unknown field")
                ? "'" + field + "' is not a field Calico knows here; remove it or check its spelling."
                : sentence(warning.message());
    }

    /** The reader's messages start in lower case after a field name; on their own they read as sentences. */
    private static String sentence(String message) {
        String m = message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return m.endsWith(".") ? m : m + ".";
    }
}
