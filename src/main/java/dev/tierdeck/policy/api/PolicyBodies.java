package dev.tierdeck.policy.api;

import dev.tierdeck.engine.manifest.ManifestProblem;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.manifest.YamlText;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.PolicyKind;
import dev.tierdeck.policy.PolicyProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads a policy sent to the API, as JSON or YAML (JSON is read as YAML, of which it is a subset). The URL names the
 * policy: a body without a name or namespace takes them from the URL, a body naming another one is refused. Unknown
 * fields are refused too, so that a misspelt field is never silently dropped.
 */
final class PolicyBodies {

    /** Far above any real policy (the guardrails allow 20 rules), small enough to parse on the request thread. */
    static final int MAX_LENGTH = 256 * 1024;

    private PolicyBodies() {}

    /**
     * @param namespace the URL's namespace; null for a GlobalNetworkPolicy
     * @throws InvalidPolicyException naming every problem found, each with its field (and line, for syntax)
     */
    static CalicoPolicy read(@Nullable String body, @Nullable String namespace, String name) {
        PolicyKind kind = namespace == null ? PolicyKind.GlobalNetworkPolicy : PolicyKind.NetworkPolicy;
        if (body == null || body.isBlank()) {
            throw InvalidPolicyException.of(
                    "body", "The request body is empty; send a Calico " + kind.name() + " as JSON or YAML.");
        }
        if (body.length() > MAX_LENGTH) {
            throw InvalidPolicyException.of(
                    "body", "The request body is larger than " + MAX_LENGTH / 1024 + " KiB; send one policy.");
        }
        Map<String, Object> document = document(body, kind);
        List<PolicyProblem> problems = new ArrayList<>();
        if (!"projectcalico.org/v3".equals(document.get("apiVersion"))) {
            problems.add(problem(
                    "apiVersion",
                    "apiVersion must be projectcalico.org/v3, not " + text(document.get("apiVersion")) + "."));
        }
        if (!kind.name().equals(document.get("kind"))) {
            problems.add(problem(
                    "kind", "kind must be " + kind.name() + " at this URL, not " + text(document.get("kind")) + "."));
        }
        Map<String, Object> metadata = metadata(document, problems);
        if (metadata != null) {
            identity(metadata, "name", name, "name", problems);
            if (namespace != null) {
                identity(metadata, "namespace", namespace, "namespace", problems);
            } else if (metadata.get("namespace") != null) {
                problems.add(problem("metadata.namespace", "A GlobalNetworkPolicy has no namespace; remove it."));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidPolicyException(problems);
        }
        Manifests manifests = ManifestReader.fromMaps("body", List.of(document));
        for (ManifestProblem p : manifests.errors()) {
            problems.add(problem(field(p), sentence(field(p), p.message())));
        }
        for (ManifestProblem p : manifests.warnings()) {
            problems.add(problem(field(p), sentence(field(p), p.message())));
        }
        if (!problems.isEmpty()) {
            throw new InvalidPolicyException(problems);
        }
        return (CalicoPolicy) manifests.objects().getFirst();
    }

    private static Map<String, Object> document(String body, PolicyKind kind) {
        YamlText.Read read = YamlText.read(body);
        YamlText.Problem problem = read.problem();
        if (problem != null) {
            throw InvalidPolicyException.of(
                    "body", "The body is not valid JSON or YAML" + problem.where() + ": " + problem.message());
        }
        List<Object> documents =
                read.documents().stream().filter(Objects::nonNull).toList();
        if (documents.size() != 1) {
            throw InvalidPolicyException.of(
                    "body", "Send exactly one " + kind.name() + "; the body holds " + documents.size() + " documents.");
        }
        if (!(documents.getFirst() instanceof Map<?, ?> map)) {
            throw InvalidPolicyException.of("body", "The body must be a " + kind.name() + " object.");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    private static @Nullable Map<String, Object> metadata(Map<String, Object> document, List<PolicyProblem> problems) {
        Object metadata = document.get("metadata");
        if (metadata == null) {
            Map<String, Object> created = new LinkedHashMap<>();
            document.put("metadata", created);
            return created;
        }
        if (!(metadata instanceof Map<?, ?> map)) {
            problems.add(problem("metadata", "metadata must be an object."));
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        document.put("metadata", copy);
        return copy;
    }

    /** Fills the name or namespace in from the URL, or refuses a body that names another one. */
    private static void identity(
            Map<String, Object> metadata, String key, String fromUrl, String what, List<PolicyProblem> problems) {
        Object given = metadata.get(key);
        if (given == null || (given instanceof String s && s.isEmpty())) {
            metadata.put(key, fromUrl);
        } else if (!fromUrl.equals(given)) {
            problems.add(problem(
                    "metadata." + key,
                    "The " + what + " in the body (" + text(given) + ") differs from the " + what + " in the URL ("
                            + fromUrl + ")."));
        }
    }

    private static PolicyProblem problem(String field, String message) {
        return new PolicyProblem(field, message, null, true);
    }

    private static String text(@Nullable Object value) {
        return value == null ? "missing" : String.valueOf(value);
    }

    private static String field(ManifestProblem p) {
        return p.path().isEmpty() ? "body" : p.path();
    }

    /** The decoder's terse "is required" becomes "spec.ingress[0].action is required."; sentences stay. */
    private static String sentence(String field, String message) {
        String text = message.matches("^(is|must|cannot|requires|needs) .*")
                ? field + " " + message
                : message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
