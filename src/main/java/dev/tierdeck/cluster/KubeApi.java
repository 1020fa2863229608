package dev.tierdeck.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The request path to the API server: the fabric8 client's HTTP stack (its authentication, TLS, impersonation
 * interceptor, timeouts and bounded retries) behind a circuit breaker. Writes and dry runs are made as an
 * {@link ActingUser} with the field manager {@code tierdeck}; reads on this path use the portal's ServiceAccount.
 */
final class KubeApi {

    static final String FIELD_MANAGER = "tierdeck";

    private final KubernetesClient client;
    private final ClusterProperties properties;
    private final CircuitBreaker breaker;

    KubeApi(KubernetesClient client, ClusterProperties properties, CircuitBreaker breaker) {
        this.client = client;
        this.properties = properties;
        this.breaker = breaker;
    }

    /** The object, or null when it does not exist. */
    @Nullable
    Map<String, Object> get(ObjectRef ref) {
        try {
            return send(null, "GET", path(ref.kind(), ref.namespace(), ref.name()), null, ref);
        } catch (ClusterNotFoundException e) {
            return null;
        }
    }

    /** Lists one kind (in one namespace, or all), optionally with an equality label selector. */
    List<Map<String, Object>> list(ClusterKind kind, @Nullable String namespace, @Nullable String labelSelector) {
        String path = path(kind, namespace, null)
                + (labelSelector == null
                        ? ""
                        : "?labelSelector=" + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8));
        Map<String, Object> body = send(null, "GET", path, null, new ObjectRef(kind, namespace, "*"));
        List<Map<String, Object>> items = new ArrayList<>();
        if (body != null && body.get("items") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> m) {
                    Map<String, Object> object = new LinkedHashMap<>(ManifestMaps.cast(m));
                    // list items carry no apiVersion/kind on a real API server
                    object.putIfAbsent("apiVersion", kind.apiVersion());
                    object.putIfAbsent("kind", kind.kind());
                    items.add(object);
                }
            }
        }
        return items;
    }

    Map<String, Object> create(ActingUser user, ObjectRef ref, Map<String, Object> object, boolean dryRun) {
        return orEmpty(send(
                user, "POST", path(ref.kind(), ref.namespace(), null) + writeQuery(dryRun), Json.write(object), ref));
    }

    Map<String, Object> replace(ActingUser user, ObjectRef ref, Map<String, Object> object, boolean dryRun) {
        return orEmpty(send(
                user,
                "PUT",
                path(ref.kind(), ref.namespace(), ref.name()) + writeQuery(dryRun),
                Json.write(object),
                ref));
    }

    void delete(ActingUser user, ObjectRef ref, String resourceVersion, boolean dryRun) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("apiVersion", "v1");
        options.put("kind", "DeleteOptions");
        options.put("preconditions", Map.of("resourceVersion", resourceVersion));
        if (dryRun) {
            options.put("dryRun", List.of("All"));
        }
        send(
                user,
                "DELETE",
                path(ref.kind(), ref.namespace(), ref.name()) + (dryRun ? "?dryRun=All" : ""),
                Json.write(options),
                ref);
    }

    /** False while the circuit breaker is open: the portal is read-only. */
    boolean available() {
        return breaker.state() != CircuitBreaker.State.OPEN;
    }

    /** Groups of the user that may be impersonated (the configured allow-list), in the user's order. */
    List<String> impersonatedGroups(ActingUser user) {
        return user.groups().stream()
                .filter(properties::impersonable)
                .distinct()
                .toList();
    }

    private @Nullable Map<String, Object> send(
            @Nullable ActingUser user, String method, String path, @Nullable String body, ObjectRef ref) {
        boolean write = !method.equals("GET");
        if (!breaker.tryAcquire()) {
            throw new ClusterUnavailableException(
                    "the Kubernetes API server is unavailable; Tierdeck is read-only until it recovers", false);
        }
        HttpClient http = user == null
                ? client.getHttpClient()
                : client.newClient(impersonating(user)).getHttpClient();
        HttpRequest.Builder request = http.newHttpRequestBuilder()
                .uri(client.getConfiguration().getMasterUrl().replaceAll("/+$", "") + path)
                .header("Accept", "application/json")
                .timeout(properties.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (body != null) {
            request.method(method, "application/json", body);
        }
        HttpResponse<String> response;
        try {
            // fabric8 retries 5xx and I/O failures itself (requestRetries times); bound the total wait.
            long bound = properties.requestTimeout().toMillis() * (properties.requestRetries() + 2L) + 1_000;
            response = http.sendAsync(request.build(), String.class).get(bound, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailableException("interrupted while calling the Kubernetes API server", write);
        } catch (TimeoutException e) {
            breaker.onFailure();
            throw new ClusterUnavailableException(
                    "the Kubernetes API server did not answer in time (" + method + " " + ref + ")", write);
        } catch (ExecutionException e) {
            breaker.onFailure();
            // fabric8 reports its own request timeout as an execution failure too
            throw new ClusterUnavailableException(
                    "the Kubernetes API server could not be reached or did not answer in time (" + method + " " + ref
                            + ")",
                    write);
        }
        int status = response.code();
        if (status >= 500 || status == 429) {
            breaker.onFailure();
        } else {
            breaker.onSuccess();
        }
        Map<String, Object> parsed = Json.parse(response.body());
        if (status >= 200 && status < 300) {
            return parsed;
        }
        throw ApiErrors.from(status, parsed, ref, write);
    }

    private RequestConfig impersonating(ActingUser user) {
        if (user.username().startsWith("system:")) {
            throw new ClusterAccessDeniedException(
                    403, "Tierdeck never acts as a system identity ('" + user.username() + "')", null);
        }
        return new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                .withImpersonateUsername(user.username())
                .withImpersonateGroups(impersonatedGroups(user).toArray(String[]::new))
                .withImpersonateExtras(Map.of())
                .build();
    }

    private static Map<String, Object> orEmpty(@Nullable Map<String, Object> body) {
        return body == null ? new LinkedHashMap<>() : body;
    }

    private static String writeQuery(boolean dryRun) {
        return "?fieldManager=" + FIELD_MANAGER + (dryRun ? "&dryRun=All" : "");
    }

    static String path(ClusterKind kind, @Nullable String namespace, @Nullable String name) {
        StringBuilder path = new StringBuilder(kind.group().isEmpty() ? "/api/" : "/apis/" + kind.group() + "/");
        path.append(kind.version());
        if (kind.namespaced() && namespace != null) {
            path.append("/namespaces/").append(namespace);
        }
        path.append('/').append(kind.plural());
        if (name != null) {
            path.append('/').append(name);
        }
        return path.toString();
    }
}
