package dev.tierdeck.cluster;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tierdeck.cluster.*}.
 *
 * @param source {@code auto} (in-cluster when {@code KUBERNETES_SERVICE_HOST} is set, kubeconfig when
 *     {@code KUBECONFIG} is set, otherwise the demo cluster), {@code demo} or {@code kubernetes}
 * @param demo the built-in demo cluster
 * @param connectTimeout connect timeout of request-path calls
 * @param requestTimeout timeout of one request-path call
 * @param requestRetries retries of a failed request-path call (at most 2)
 * @param impersonableGroups groups that may be impersonated; a trailing {@code *} matches a prefix
 * @param breaker the circuit breaker in front of the API server
 * @param reconcileInterval how often the background reconciler runs
 * @param rbacSelfCheck check the ServiceAccount's permissions at start-up (real clusters only)
 */
@ConfigurationProperties("tierdeck.cluster")
public record ClusterProperties(
        @DefaultValue("auto") Source source,
        @DefaultValue Demo demo,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("5s") Duration requestTimeout,
        @DefaultValue("1") int requestRetries,

        @DefaultValue({
            "tierdeck-platform-admins",
            "tierdeck-security-admins",
            "tierdeck-developers",
            "tierdeck-viewers",
            "team-*"
        })
        List<String> impersonableGroups,

        @DefaultValue Breaker breaker,
        @DefaultValue("30s") Duration reconcileInterval,
        @DefaultValue("true") boolean rbacSelfCheck) {

    public ClusterProperties {
        if (requestRetries < 0 || requestRetries > 2) {
            throw new IllegalArgumentException(
                    "tierdeck.cluster.request-retries must be 0, 1 or 2 (patient retries belong to the reconciler)");
        }
        impersonableGroups = List.copyOf(impersonableGroups);
        for (String group : impersonableGroups) {
            if (group.startsWith("system:") || group.equals("*")) {
                throw new IllegalArgumentException("tierdeck.cluster.impersonable-groups must not contain '" + group
                        + "': impersonating system groups would make the portal an escalation path");
            }
        }
    }

    public enum Source {
        AUTO,
        DEMO,
        KUBERNETES
    }

    /**
     * @param seed location of the seed manifests (plain multi-document Kubernetes YAML)
     * @param port port of the demo API server; 0 picks a free one
     * @param apiMode how the demo cluster serves {@code projectcalico.org/v3}: {@code apiserver} (Calico's
     *     aggregated API server) or {@code crd} (native v3 CRDs, with Calico's CustomResourceDefinitions served)
     */
    public record Demo(
            @DefaultValue("classpath:demo/cluster.yaml") String seed,
            @DefaultValue("0") int port,
            @DefaultValue("apiserver") CalicoApiMode apiMode) {

        public Demo {
            if (apiMode == CalicoApiMode.MISSING) {
                throw new IllegalArgumentException(
                        "tierdeck.cluster.demo.api-mode must be apiserver or crd: the demo cluster always serves Calico");
            }
        }
    }

    /**
     * @param failureThreshold consecutive failures that open the breaker
     * @param openFor how long it stays open before one trial request
     */
    public record Breaker(
            @DefaultValue("5") int failureThreshold,
            @DefaultValue("30s") Duration openFor) {}

    /** Defaults for tests and tools that build the gateway without Spring. */
    static ClusterProperties defaults() {
        return new ClusterProperties(
                Source.AUTO,
                new Demo("classpath:demo/cluster.yaml", 0, CalicoApiMode.APISERVER),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                1,
                List.of(
                        "tierdeck-platform-admins",
                        "tierdeck-security-admins",
                        "tierdeck-developers",
                        "tierdeck-viewers",
                        "team-*"),
                new Breaker(5, Duration.ofSeconds(30)),
                Duration.ofSeconds(30),
                true);
    }

    /** Resolves {@code auto} from the environment, as documented for {@code TIERDECK_CLUSTER_SOURCE}. */
    Source resolvedSource(@Nullable String kubernetesServiceHost, @Nullable String kubeconfig) {
        if (source != Source.AUTO) {
            return source;
        }
        boolean inCluster = kubernetesServiceHost != null && !kubernetesServiceHost.isBlank();
        boolean hasKubeconfig = kubeconfig != null && !kubeconfig.isBlank();
        return inCluster || hasKubeconfig ? Source.KUBERNETES : Source.DEMO;
    }

    boolean impersonable(String group) {
        return impersonableGroups.stream()
                .anyMatch(p -> p.endsWith("*") ? group.startsWith(p.substring(0, p.length() - 1)) : p.equals(group));
    }
}
