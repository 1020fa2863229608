package dev.tierdeck.cluster.demo;

import dev.tierdeck.cluster.CalicoApiMode;
import dev.tierdeck.cluster.ClusterKind;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
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
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
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

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KubernetesMockServer server;
    private final DemoApiDispatcher api;
    private final DemoStore store;
    private final @Nullable Thread requestLogDrain;

    private DemoCluster(
            KubernetesMockServer server, DemoApiDispatcher api, DemoStore store, @Nullable Thread requestLogDrain) {
        this.server = server;
        this.api = api;
        this.store = store;
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
        return start(port, keepRequestLog, CalicoApiMode.APISERVER);
    }

    /**
     * As {@link #start(int, boolean)}, serving Calico's API as {@code mode} says: in {@code CRD} mode Calico's own
     * 3.33 CustomResourceDefinitions are installed, so the cluster looks like a native v3 CRD installation. Objects
     * are checked against those schemas in either mode.
     */
    public static DemoCluster start(int port, boolean keepRequestLog, CalicoApiMode mode) {
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
        DemoStore store = new DemoStore(responses, served);
        DemoApiDispatcher api = new DemoApiDispatcher(store);
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(Serialization.jsonMapper()), new MockWebServer(), responses, api, false);
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
        DemoCluster cluster = new DemoCluster(server, api, store, drain);
        if (mode == CalicoApiMode.CRD) {
            for (Map<String, Object> crd : CalicoSchemas.get().definitions()) {
                cluster.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd, "the Calico CRDs");
            }
        }
        return cluster;
    }

    /** The API server's URL, e.g. {@code http://127.0.0.1:43121/}. */
    public String url() {
        return server.url("/");
    }

    /** How many stored objects the store's lookups by name have compared so far (their cost, for tests). */
    long examinedKeys() {
        return store.crud().examinedKeys();
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
     * the cluster: namespaces and tiers first, then everything else. Objects are created in-process, through the same
     * checks as a create over HTTP, and each costs about the same however many are stored already.
     *
     * @return the number of objects created
     * @throws IllegalArgumentException naming the document and what is wrong with it
     */
    public int seed(InputStream yaml, String sourceName) {
        return seed(yaml, sourceName, created -> {});
    }

    /** As {@link #seed(InputStream, String)}, telling {@code progress} how many objects are in after each one. */
    public int seed(InputStream yaml, String sourceName, IntConsumer progress) {
        return prepare(yaml, sourceName).load(progress);
    }

    /**
     * Reads and checks a seed without loading it, so that a broken file stops start-up at once while a large one
     * loads in the background.
     *
     * @throws IllegalArgumentException naming the document and what is wrong with it
     */
    public Seed prepare(InputStream yaml, String sourceName) {
        List<Map<String, Object>> documents = readDocuments(yaml, sourceName);
        Integer[] order = new Integer[documents.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            String where = sourceName + " document " + (i + 1);
            Map<String, Object> document = documents.get(i);
            ClusterKind.of(String.valueOf(document.get("apiVersion")), String.valueOf(document.get("kind")))
                    .orElseThrow(() -> new IllegalArgumentException(
                            where + ": unsupported kind " + document.get("apiVersion") + " " + document.get("kind")));
            Map<?, ?> metadata = document.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
            if (!(metadata.get("name") instanceof String name) || name.isEmpty()) {
                throw new IllegalArgumentException(where + ": metadata.name is missing");
            }
        }
        // stable: documents of one rank keep their order in the file
        Arrays.sort(order, Comparator.comparingInt(i -> seedOrder(documents.get(i))));
        return new Seed(documents, order, sourceName);
    }

    /** A checked seed; {@link #load} creates its objects, namespaces and tiers first. */
    public final class Seed {

        private final List<Map<String, Object>> documents;
        private final Integer[] order;
        private final String sourceName;

        private Seed(List<Map<String, Object>> documents, Integer[] order, String sourceName) {
            this.documents = documents;
            this.order = order;
            this.sourceName = sourceName;
        }

        public int size() {
            return documents.size();
        }

        /**
         * Creates the objects in-process, through the same checks as a create over HTTP; each costs about the same
         * however many are stored already.
         *
         * @return the number of objects created
         * @throws IllegalArgumentException naming the document the cluster refused and why
         */
        public int load(IntConsumer progress) {
            for (int n = 0; n < order.length; n++) {
                int index = order[n];
                create(documents.get(index), sourceName + " document " + (index + 1));
                progress.accept(n + 1);
            }
            return order.length;
        }
    }

    private void create(Map<String, Object> document, String where) {
        ClusterKind kind = ClusterKind.of(
                        String.valueOf(document.get("apiVersion")), String.valueOf(document.get("kind")))
                .orElseThrow();
        Map<?, ?> metadata = (Map<?, ?>) document.get("metadata");
        String name = String.valueOf(metadata.get("name"));
        String namespace = null;
        if (kind.namespaced()) {
            namespace = metadata.get("namespace") instanceof String ns && !ns.isEmpty() ? ns : "default";
        }
        String path = (kind.group().isEmpty() ? "/api/" : "/apis/" + kind.group() + "/") + kind.version()
                + (namespace == null ? "" : "/namespaces/" + namespace) + "/" + kind.plural();
        post(path, document, where + " (" + kind.kind() + " " + name + ")");
    }

    /** Creates an object in-process, through the same checks as a create over HTTP. */
    private void post(String path, Map<String, Object> document, String what) {
        RecordedRequest request = new RecordedRequest(
                "HTTP/1.1",
                HttpMethod.POST,
                path,
                Headers.builder().build(),
                new Buffer().writeUtf8(JSON.writeValueAsString(document)));
        MockResponse response = api.dispatch(request);
        if (response.code() >= 300) {
            throw new IllegalArgumentException(what + ": " + DemoApiDispatcher.message(response));
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
