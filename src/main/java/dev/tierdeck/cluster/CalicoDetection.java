package dev.tierdeck.cluster;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out how the cluster serves {@code projectcalico.org/v3} (calico-semantics.md §1.1) and which Calico version
 * runs. Native v3 CRD mode installs CRDs named {@code <plural>.projectcalico.org}; API-server mode serves the same
 * group through the aggregated Calico API server without such CRDs. The version comes from
 * {@code ClusterInformation/default} ({@code spec.calicoVersion}), which Calico maintains in both modes.
 */
final class CalicoDetection {

    private static final Logger log = LoggerFactory.getLogger(CalicoDetection.class);

    record Result(CalicoApiMode mode, String version) {}

    private CalicoDetection() {}

    static Result detect(KubernetesClient client, KubeApi api) {
        if (!served(client, ClusterKind.TIER)) {
            return new Result(CalicoApiMode.MISSING, "unknown");
        }
        CalicoApiMode mode = CalicoApiMode.APISERVER;
        try {
            if (client.apiextensions()
                            .v1()
                            .customResourceDefinitions()
                            .withName("tiers.projectcalico.org")
                            .get()
                    != null) {
                mode = CalicoApiMode.CRD;
            }
        } catch (KubernetesClientException e) {
            log.warn(
                    "cannot read CustomResourceDefinitions ({}); assuming Calico's aggregated API server", e.getCode());
        }
        return new Result(mode, version(api));
    }

    /** Whether API discovery lists the kind's resource. */
    static boolean served(KubernetesClient client, ClusterKind kind) {
        if (kind.group().isEmpty()) {
            return true;
        }
        try {
            APIResourceList resources = client.getApiResources(kind.apiVersion());
            return resources != null
                    && resources.getResources().stream()
                            .anyMatch(r -> kind.plural().equals(r.getName()));
        } catch (KubernetesClientException e) {
            return false;
        }
    }

    private static String version(KubeApi api) {
        try {
            Map<String, Object> info = api.get(new ObjectRef(ClusterKind.CLUSTER_INFORMATION, null, "default"));
            @Nullable
            Object version = info == null ? null : ManifestMaps.spec(info).get("calicoVersion");
            return version instanceof String v && !v.isBlank() ? v : "unknown";
        } catch (ClusterException e) {
            return "unknown";
        }
    }
}
