package dev.tierdeck.policy.store;

import dev.tierdeck.engine.manifest.ManifestProblem;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.ManifestWriter;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.model.CalicoPolicy;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The stored form of a policy: the engine's canonical YAML, so that equal policies are equal text (which is how an
 * unchanged save is recognised) and the audit trail shows what {@code kubectl} would. The writer quotes every string
 * a reader could take for something else, so any policy the decoder accepts reads back equal.
 */
final class PolicyYaml {

    private PolicyYaml() {}

    static String write(CalicoPolicy policy) {
        return ManifestWriter.toYaml(List.of(policy));
    }

    /** A stored text decoded: the policy, or why there is none. */
    record Decoded(@Nullable CalicoPolicy policy, String problem) {}

    /**
     * Decodes a stored text; text written by earlier versions, which left strings such as {@code "2"} unquoted, is
     * read as it was meant ({@link LegacyPolicyYaml}).
     */
    static Decoded read(String yaml) {
        Manifests manifests = ManifestReader.read("stored policy", yaml);
        CalicoPolicy policy = single(manifests);
        if (policy != null) {
            return new Decoded(policy, "");
        }
        CalicoPolicy repaired = LegacyPolicyYaml.read(yaml);
        if (repaired != null) {
            return new Decoded(repaired, "");
        }
        if (manifests.errors().isEmpty()) {
            return new Decoded(null, "it holds no single policy");
        }
        ManifestProblem first = manifests.errors().getFirst();
        return new Decoded(null, (first.path().isEmpty() ? "" : first.path() + ": ") + first.message());
    }

    static @Nullable CalicoPolicy single(Manifests manifests) {
        return manifests.ok()
                        && manifests.objects().size() == 1
                        && manifests.objects().getFirst() instanceof CalicoPolicy p
                ? p
                : null;
    }
}
