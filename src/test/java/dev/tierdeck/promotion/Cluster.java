package dev.tierdeck.promotion;

import dev.tierdeck.cluster.DemoClusters;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;

/** Reads and changes the demo cluster directly, as its own admin, to see what the portal wrote and to interfere. */
final class Cluster {

    private final KubernetesClient client;

    Cluster(ApplicationContext context) {
        this.client = DemoClusters.of(context).adminClient();
    }

    @Nullable
    GenericKubernetesResource staged(String namespace, String name) {
        return client.genericKubernetesResources("projectcalico.org/v3", "StagedNetworkPolicy")
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    @Nullable
    GenericKubernetesResource enforced(String namespace, String name) {
        return client.genericKubernetesResources("projectcalico.org/v3", "NetworkPolicy")
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    /** Changes the staged object's selector behind the portal's back. */
    @SuppressWarnings("unchecked")
    void changeStagedSelector(String namespace, String name, String selector) {
        client.genericKubernetesResources("projectcalico.org/v3", "StagedNetworkPolicy")
                .inNamespace(namespace)
                .withName(name)
                .edit(r -> {
                    ((Map<String, Object>) r.getAdditionalProperties().get("spec")).put("selector", selector);
                    return r;
                });
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }
}
