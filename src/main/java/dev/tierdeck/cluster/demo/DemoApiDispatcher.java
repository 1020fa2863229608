package dev.tierdeck.cluster.demo;

import dev.tierdeck.cluster.ClusterKind;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sits in front of fabric8's CRUD store and makes it behave like an API server where it matters to Tierdeck: a
 * {@code dryRun=All} request is validated and answered but never stored, writes are validated (422 with field
 * causes), delete preconditions are honoured (409), and set-based label selectors are evaluated instead of being
 * silently ignored.
 */
final class DemoApiDispatcher extends Dispatcher {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final Dispatcher store;
    private final JsonMapper json = JsonMapper.builder().build();

    DemoApiDispatcher(Dispatcher store) {
        this.store = store;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Optional<ApiPath> parsed = ApiPath.parse(request.getPath());
        if (parsed.isEmpty()) {
            return store.dispatch(copy(request, request.getPath()));
        }
        ApiPath path = parsed.get();
        String method = request.getMethod();
        if (method.equals("GET")) {
            return get(request, path);
        }
        Optional<ClusterKind> kind = path.kind();
        if (path.dryRun()) {
            return kind.map(k -> dryRun(request, path, k))
                    .orElseGet(() ->
                            status(400, "BadRequest", "the demo cluster does not serve " + path.plural(), List.of()));
        }
        if (kind.isPresent() && (method.equals("POST") || method.equals("PUT"))) {
            Map<String, Object> object = parse(body(request));
            if (object == null) {
                return status(400, "BadRequest", "the request body is not a JSON object", List.of());
            }
            List<DemoValidation.Cause> causes = DemoValidation.validate(kind.get(), path, object, this::tierExists);
            if (!causes.isEmpty()) {
                return invalid(kind.get(), object, causes);
            }
        }
        if (kind.isPresent() && method.equals("DELETE") && path.name() != null) {
            MockResponse precondition = checkDeletePrecondition(request, path);
            if (precondition != null) {
                return precondition;
            }
        }
        return store.dispatch(copy(request, request.getPath()));
    }

    @Override
    public void shutdown() {
        store.shutdown();
    }

    @Override
    public void releaseResources() {
        store.releaseResources();
    }

    private MockResponse get(RecordedRequest request, ApiPath path) {
        String selector = path.query().get("labelSelector");
        if (selector == null || !LabelSelector.isSetBased(selector)) {
            return store.dispatch(copy(request, request.getPath()));
        }
        if (path.watch()) {
            return status(
                    400,
                    "BadRequest",
                    "the demo cluster cannot watch with a set-based label selector; list instead",
                    List.of());
        }
        LabelSelector matcher;
        try {
            matcher = LabelSelector.parse(selector);
        } catch (IllegalArgumentException e) {
            return status(400, "BadRequest", "invalid label selector: " + e.getMessage(), List.of());
        }
        MockResponse response = store.dispatch(copy(request, path.without("labelSelector", request.getPath())));
        Map<String, Object> list = parse(new String(response.getBody().getBytes(), StandardCharsets.UTF_8));
        if (response.code() != 200 || list == null || !(list.get("items") instanceof List<?> items)) {
            return response;
        }
        List<Object> kept = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof Map<?, ?> object && matcher.matches(labels(object))) {
                kept.add(item);
            }
        }
        list.put("items", kept);
        return new MockResponse().setResponseCode(200).setBody(json.writeValueAsString(list));
    }

    private MockResponse dryRun(RecordedRequest request, ApiPath path, ClusterKind kind) {
        String method = request.getMethod();
        if (method.equals("DELETE")) {
            Map<String, Object> current = current(path, path.name());
            if (current == null) {
                return notFound(kind, path.name());
            }
            MockResponse precondition = checkDeletePrecondition(request, path);
            return precondition != null ? precondition : ok(200, current);
        }
        if (!method.equals("POST") && !method.equals("PUT")) {
            return status(
                    405,
                    "MethodNotAllowed",
                    "the demo cluster answers dry runs of create, replace and delete only",
                    List.of());
        }
        Map<String, Object> object = parse(body(request));
        if (object == null) {
            return status(400, "BadRequest", "the request body is not a JSON object", List.of());
        }
        List<DemoValidation.Cause> causes = DemoValidation.validate(kind, path, object, this::tierExists);
        if (!causes.isEmpty()) {
            return invalid(kind, object, causes);
        }
        Map<String, Object> metadata = metadata(object);
        String name = String.valueOf(metadata.get("name"));
        Map<String, Object> current = current(path, name);
        if (path.namespace() != null) {
            metadata.put("namespace", path.namespace());
        }
        if (method.equals("POST")) {
            if (current != null) {
                return status(
                        409,
                        "AlreadyExists",
                        kind.plural() + "." + kind.group() + " \"" + name + "\" already exists",
                        List.of());
            }
            metadata.put("uid", UUID.randomUUID().toString());
            metadata.put(
                    "creationTimestamp",
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            metadata.put("generation", 1);
            metadata.remove("resourceVersion");
            return ok(201, object);
        }
        if (current == null) {
            return notFound(kind, name);
        }
        Map<String, Object> currentMetadata = metadata(current);
        Object expected = metadata.get("resourceVersion");
        if (expected != null && !expected.equals(currentMetadata.get("resourceVersion"))) {
            return conflict(kind, name);
        }
        metadata.put("uid", currentMetadata.get("uid"));
        metadata.put("creationTimestamp", currentMetadata.get("creationTimestamp"));
        metadata.put("resourceVersion", currentMetadata.get("resourceVersion"));
        return ok(200, object);
    }

    private @Nullable MockResponse checkDeletePrecondition(RecordedRequest request, ApiPath path) {
        Map<String, Object> options = parse(body(request));
        if (options == null || !(options.get("preconditions") instanceof Map<?, ?> preconditions)) {
            return null;
        }
        Object expected = preconditions.get("resourceVersion");
        Map<String, Object> current = current(path, path.name());
        if (expected == null || current == null) {
            return null;
        }
        if (!expected.equals(metadata(current).get("resourceVersion"))) {
            return conflict(path.kind().orElseThrow(), String.valueOf(path.name()));
        }
        return null;
    }

    private boolean tierExists(String tier) {
        return current(new ApiPath("projectcalico.org", "v3", null, "tiers", tier, Map.of()), tier) != null;
    }

    private @Nullable Map<String, Object> current(ApiPath path, @Nullable String name) {
        if (name == null) {
            return null;
        }
        RecordedRequest get = new RecordedRequest(
                "HTTP/1.1",
                HttpMethod.GET,
                path.objectPath(name),
                Headers.builder().build(),
                new Buffer());
        MockResponse response = store.dispatch(get);
        return response.code() == 200 ? parse(new String(response.getBody().getBytes(), StandardCharsets.UTF_8)) : null;
    }

    private MockResponse invalid(ClusterKind kind, Map<String, Object> object, List<DemoValidation.Cause> causes) {
        String name = String.valueOf(metadata(object).get("name"));
        List<Map<String, Object>> details = causes.stream()
                .map(c -> Map.<String, Object>of(
                        "reason", "FieldValueInvalid", "field", c.field(), "message", c.message()))
                .toList();
        String message = kind.kind() + " \"" + name + "\" is invalid: "
                + causes.stream()
                        .map(c -> c.field() + ": " + c.message())
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("");
        return status(422, "Invalid", message, details);
    }

    private MockResponse notFound(ClusterKind kind, @Nullable String name) {
        return status(404, "NotFound", kind.plural() + " \"" + name + "\" not found", List.of());
    }

    private MockResponse conflict(ClusterKind kind, String name) {
        return status(
                409,
                "Conflict",
                "Operation cannot be fulfilled on " + kind.plural() + " \"" + name
                        + "\": the object has been modified; please apply your changes to the latest version and try again",
                List.of());
    }

    private MockResponse status(int code, String reason, String message, List<Map<String, Object>> causes) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("apiVersion", "v1");
        status.put("kind", "Status");
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason);
        status.put("code", code);
        if (!causes.isEmpty()) {
            status.put("details", Map.of("causes", causes));
        }
        return new MockResponse().setResponseCode(code).setBody(json.writeValueAsString(status));
    }

    private MockResponse ok(int code, Map<String, Object> object) {
        return new MockResponse().setResponseCode(code).setBody(json.writeValueAsString(object));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> object) {
        return (Map<String, Object>) object.computeIfAbsent("metadata", k -> new LinkedHashMap<String, Object>());
    }

    private static Map<String, String> labels(Map<?, ?> object) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (object.get("metadata") instanceof Map<?, ?> metadata && metadata.get("labels") instanceof Map<?, ?> l) {
            l.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
        }
        return labels;
    }

    private @Nullable Map<String, Object> parse(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readValue(body, MAP);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The message of an error response (a Status object's, or the bare status code). */
    static String message(MockResponse response) {
        String body =
                response.getBody() == null ? "" : new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
        try {
            Map<String, Object> status = JsonMapper.builder().build().readValue(body, MAP);
            if (status.get("message") instanceof String message && !message.isBlank()) {
                return message;
            }
        } catch (JacksonException | IllegalArgumentException e) {
            // not a Status object: the code says it all
        }
        return "HTTP " + response.code();
    }

    private static String body(RecordedRequest request) {
        return request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
    }

    /** The store consumes request bodies; hand it a copy so the recorded request stays readable. */
    private static RecordedRequest copy(RecordedRequest request, String path) {
        byte[] bytes =
                request.getBody() == null ? new byte[0] : request.getBody().getBytes();
        return new RecordedRequest(
                request.getHttpVersion(), request.method(), path, request.getHeaders(), new Buffer(bytes));
    }
}
