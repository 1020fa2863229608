package dev.tierdeck.cluster.demo;

import dev.tierdeck.cluster.ClusterKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Tierdeck's built-in Kubernetes API: fabric8's mock API server in CRUD mode on localhost, behind
 * {@link DemoApiDispatcher}, serving every kind Tierdeck uses (API discovery for {@code projectcalico.org/v3}
 * included, so the portal detects Calico's aggregated API). The portal reaches it through the same fabric8 client
 * and code path as a real cluster.
 */
public final class DemoCluster implements AutoCloseable {

    // The mock server logs every request at INFO; keep a reference so the level sticks.
    private static final java.util.logging.Logger REQUEST_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        REQUEST_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final @Nullable Thread requestLogDrain;

    private DemoCluster(KubernetesMockServer server, @Nullable Thread requestLogDrain) {
        this.server = server;
        this.requestLogDrain = requestLogDrain;
    }

    /**
     * Starts an empty demo cluster on localhost.
     *
     * @param port the port, 0 for any free one
     * @param keepRequestLog keep every request for inspection ({@link #server()}{@code .takeRequest()}); only for
     *     tests, a long-running demo would otherwise keep them all
     */
    public static DemoCluster start(int port, boolean keepRequestLog) {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        List<CustomResourceDefinitionContext> served = Arrays.stream(ClusterKind.values())
                .filter(k -> !k.group().isEmpty())
                .map(k -> new CustomResourceDefinitionContext.Builder()
                        .withGroup(k.group())
                        .withVersion(k.version())
                        .withKind(k.kind())
                        .withPlural(k.plural())
                        .withScope(k.namespaced() ? "Namespaced" : "Cluster")
                        .build())
                .toList();
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(Serialization.jsonMapper()),
                new MockWebServer(),
                responses,
                new DemoApiDispatcher(new KubernetesMixedDispatcher(responses, served)),
                false);
        server.start(InetAddress.getLoopbackAddress(), port);
        Thread drain = null;
        if (!keepRequestLog) {
            drain = Thread.ofVirtual().name("demo-cluster-request-log").start(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        server.takeRequest(1, TimeUnit.MINUTES);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        return new DemoCluster(server, drain);
    }

    /** The API server's URL, e.g. {@code http://127.0.0.1:43121/}. */
    public String url() {
        return server.url("/");
    }

    /** The underlying mock server (tests add fault expectations and read recorded requests). */
    public KubernetesMockServer server() {
        return server;
    }

    /** A client with the demo cluster's own (unimpersonated) credentials, for seeding. */
    public KubernetesClient adminClient() {
        return server.createClient();
    }

    /**
     * Loads plain multi-document Kubernetes YAML (the format {@code kubectl apply -f} and the Tierdeck CLI read) into
     * the cluster: namespaces and tiers first, then everything else.
     *
     * @return the number of objects created
     * @throws IllegalArgumentException naming the document and what is wrong with it
     */
    public int seed(InputStream yaml, String sourceName) {
        List<Map<String, Object>> documents = readDocuments(yaml, sourceName);
        List<Map<String, Object>> ordered = new ArrayList<>(documents);
        ordered.sort(Comparator.comparingInt(DemoCluster::seedOrder));
        try (KubernetesClient client = adminClient()) {
            for (Map<String, Object> document : ordered) {
                create(client, document, sourceName, documents.indexOf(document) + 1);
            }
        }
        return ordered.size();
    }

    private static void create(KubernetesClient client, Map<String, Object> document, String sourceName, int index) {
        String where = sourceName + " document " + index;
        ClusterKind kind = ClusterKind.of(
                        String.valueOf(document.get("apiVersion")), String.valueOf(document.get("kind")))
                .orElseThrow(() -> new IllegalArgumentException(
                        where + ": unsupported kind " + document.get("apiVersion") + " " + document.get("kind")));
        GenericKubernetesResource resource =
                client.getKubernetesSerialization().convertValue(document, GenericKubernetesResource.class);
        if (resource.getMetadata() == null || resource.getMetadata().getName() == null) {
            throw new IllegalArgumentException(where + ": metadata.name is missing");
        }
        var context = new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
                .withGroup(kind.group())
                .withVersion(kind.version())
                .withKind(kind.kind())
                .withPlural(kind.plural())
                .withNamespaced(kind.namespaced())
                .build();
        try {
            if (kind.namespaced()) {
                String namespace = resource.getMetadata().getNamespace() == null
                        ? "default"
                        : resource.getMetadata().getNamespace();
                client.genericKubernetesResources(context)
                        .inNamespace(namespace)
                        .resource(resource)
                        .create();
            } else {
                client.genericKubernetesResources(context).resource(resource).create();
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    where + " (" + kind.kind() + " " + resource.getMetadata().getName() + "): " + e.getMessage(), e);
        }
    }

    private static int seedOrder(Map<String, Object> document) {
        return switch (String.valueOf(document.get("kind"))) {
            case "Namespace" -> 0;
            case "Tier" -> 1;
            default -> 2;
        };
    }

    static List<Map<String, Object>> readDocuments(InputStream yaml, String sourceName) {
        YAMLMapper mapper = YAMLMapper.builder().build();
        List<Map<String, Object>> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = mapper.readerFor(JsonNode.class).readValues(yaml)) {
            int index = 0;
            while (it.hasNextValue()) {
                index++;
                JsonNode node = it.nextValue();
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue;
                }
                if (!node.isObject()) {
                    throw new IllegalArgumentException(sourceName + " document " + index + ": not a YAML mapping");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> document = mapper.convertValue(node, Map.class);
                documents.add(document);
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException(sourceName + ": invalid YAML: " + e.getOriginalMessage(), e);
        }
        return documents;
    }

    @Override
    public void close() {
        if (requestLogDrain != null) {
            requestLogDrain.interrupt();
        }
        server.shutdown();
    }
}
