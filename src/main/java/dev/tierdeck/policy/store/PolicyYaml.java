package dev.tierdeck.policy.store;

import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.ManifestWriter;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.model.CalicoPolicy;
import java.util.List;

/**
 * The stored form of a policy: the engine's canonical YAML, so that equal policies are equal text (which is how an
 * unchanged save is recognised) and the audit trail shows what {@code kubectl} would.
 */
final class PolicyYaml {

    private PolicyYaml() {}

    static String write(CalicoPolicy policy) {
        return ManifestWriter.toYaml(List.of(policy));
    }

    /** @throws IllegalStateException when a stored row no longer decodes: the table was edited by hand */
    static CalicoPolicy read(String yaml) {
        Manifests manifests = ManifestReader.read("policy_draft", yaml);
        if (!manifests.ok()
                || manifests.objects().size() != 1
                || !(manifests.objects().getFirst() instanceof CalicoPolicy p)) {
            throw new IllegalStateException("a stored policy does not decode: " + manifests.errors());
        }
        return p;
    }
}
