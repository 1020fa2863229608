package dev.tierdeck.policy;

import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.model.CalicoPolicy;

/** Policies for tests, written as the YAML a developer would send. */
public final class Policies {

    private Policies() {}

    public static CalicoPolicy yaml(String yaml) {
        Manifests manifests = ManifestReader.read("test", yaml);
        if (!manifests.ok()) {
            throw new IllegalArgumentException(manifests.errors().toString());
        }
        return (CalicoPolicy) manifests.objects().getFirst();
    }

    /** A NetworkPolicy in tier default letting {@code app == 'api'} receive TCP on {@code port} from {@code app == 'web'} of its namespace. */
    public static CalicoPolicy allowApi(String namespace, String name, int port) {
        return yaml("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: %s, namespace: %s}
                spec:
                  tier: default
                  order: 100
                  selector: app == 'api'
                  ingress: [{action: Allow, protocol: TCP, source: {selector: app == 'web'}, destination: {ports: [%d]}}]
                """.formatted(name, namespace, port));
    }
}
