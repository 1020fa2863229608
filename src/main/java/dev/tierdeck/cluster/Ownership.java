package dev.tierdeck.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How Tierdeck marks the objects it owns: the label {@code app.kubernetes.io/managed-by: tierdeck} and annotations
 * with the promotion id, a hash of the content and the content itself (so drift can be shown as a diff and restored,
 * without a database).
 */
final class Ownership {

    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String TIERDECK = "tierdeck";
    static final String PREFIX = "tierdeck.dev/";
    static final String PROMOTION_ID = PREFIX + "promotion-id";
    static final String CONTENT_HASH = PREFIX + "content-hash";
    static final String LAST_APPLIED = PREFIX + "last-applied";

    private Ownership() {}

    static boolean owned(Map<String, Object> object) {
        return TIERDECK.equals(ManifestMaps.labels(object).get(MANAGED_BY));
    }

    /**
     * The part of an object Tierdeck is responsible for: kind, name, namespace, user labels and annotations (without
     * Tierdeck's own markers) and the spec. Server-set metadata is left out.
     */
    static Map<String, Object> content(Map<String, Object> object) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", ManifestMaps.name(object));
        if (ManifestMaps.namespace(object) != null) {
            metadata.put("namespace", ManifestMaps.namespace(object));
        }
        Map<String, String> labels = ManifestMaps.labels(object);
        labels.remove(MANAGED_BY);
        if (!labels.isEmpty()) {
            metadata.put("labels", labels);
        }
        Map<String, String> annotations = ManifestMaps.annotations(object);
        annotations.keySet().removeIf(k -> k.startsWith(PREFIX));
        if (!annotations.isEmpty()) {
            metadata.put("annotations", annotations);
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("apiVersion", object.get("apiVersion"));
        content.put("kind", object.get("kind"));
        content.put("metadata", metadata);
        content.put("spec", ManifestMaps.deepCopy(ManifestMaps.spec(object)));
        return content;
    }

    static String hash(Map<String, Object> content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Json.write(content).getBytes(StandardCharsets.UTF_8));
            return "sha256-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /**
     * The object to send: a copy of {@code desired} with Tierdeck's markers (hash and last-applied of its
     * {@link #content}) and {@code resourceVersion} set when replacing, removed when creating.
     */
    static Map<String, Object> marked(
            Map<String, Object> desired, String promotionId, @Nullable String resourceVersion) {
        Map<String, Object> content = content(desired);
        Map<String, Object> object = ManifestMaps.deepCopy(desired);
        Map<String, Object> metadata = ManifestMaps.mutableMetadata(object);
        Map<String, Object> labels =
                metadata.get("labels") instanceof Map<?, ?> l ? ManifestMaps.cast(l) : new LinkedHashMap<>();
        labels.put(MANAGED_BY, TIERDECK);
        metadata.put("labels", labels);
        Map<String, Object> annotations =
                metadata.get("annotations") instanceof Map<?, ?> a ? ManifestMaps.cast(a) : new LinkedHashMap<>();
        annotations.put(PROMOTION_ID, promotionId);
        annotations.put(CONTENT_HASH, hash(content));
        annotations.put(LAST_APPLIED, Json.write(content));
        metadata.put("annotations", annotations);
        metadata.remove("resourceVersion");
        if (resourceVersion != null) {
            metadata.put("resourceVersion", resourceVersion);
        }
        return object;
    }

    /** Whether the object on the cluster is Tierdeck's and still holds exactly the content Tierdeck applied. */
    static boolean holds(Map<String, Object> current, String hash) {
        Map<String, Object> applied = lastApplied(current);
        return owned(current)
                && hash.equals(recordedHash(current))
                && applied != null
                && ObjectDiffs.expectedFields(applied, content(current)).isEmpty();
    }

    static @Nullable String recordedHash(Map<String, Object> object) {
        return ManifestMaps.annotations(object).get(CONTENT_HASH);
    }

    /** The content Tierdeck last applied to this object, or null when it carries none (or it is unreadable). */
    static @Nullable Map<String, Object> lastApplied(Map<String, Object> object) {
        return Json.parse(ManifestMaps.annotations(object).get(LAST_APPLIED));
    }
}
