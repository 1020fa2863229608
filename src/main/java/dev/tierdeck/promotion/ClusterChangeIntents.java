package dev.tierdeck.promotion;

import dev.tierdeck.audit.Actor;
import dev.tierdeck.audit.AuditEntry;
import dev.tierdeck.audit.AuditIntent;
import dev.tierdeck.audit.AuditIntents;
import dev.tierdeck.cluster.ClusterKind;
import dev.tierdeck.cluster.ClusterSnapshot;
import dev.tierdeck.cluster.ClusterUnavailableException;
import dev.tierdeck.cluster.ObjectRef;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.system.CorrelationId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audit side of the changes a policy's life cycle makes in the cluster (staging, promotion, withdrawal, removing
 * a forgotten draft's staged object), which one database transaction cannot hold together with their record. The
 * change is recorded as an intent, with the audit entry it gets should the portal's own record never be written,
 * before the cluster is touched; the transaction that completes the change in the database writes the full record
 * and discharges the intent in the same commit; a refusal of the cluster abandons it. An intent left behind (the
 * database failed after the cluster changed, the process stopped) is settled by {@link PromotionIntentSweep} when the
 * cluster holds what the change was about to write, and dropped when it does not. So a change either has its audit
 * record or did not happen.
 */
@Component
class ClusterChangeIntents {

    /** The prefix of every intent's action, for the sweep. */
    static final String PREFIX = "promotion.";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROMOTION_ID = "tierdeck.dev/promotion-id";

    /**
     * What the cluster holds once the change went through, for one object.
     *
     * @param promotionId the promotion the object must carry; null when it need not carry one
     * @param replaced the resourceVersion the object must no longer have (null: it must merely exist); ignored when
     *     {@code absent}
     */
    record Expected(
            ObjectRef ref,
            boolean absent,
            @Nullable String replaced,
            @Nullable String promotionId) {

        static Expected removed(ObjectRef ref) {
            return new Expected(ref, true, null, null);
        }

        static Expected written(ObjectRef ref, @Nullable String replaced) {
            return new Expected(ref, false, replaced, null);
        }

        static Expected promoted(ObjectRef ref, String promotionId) {
            return new Expected(ref, false, null, promotionId);
        }

        boolean heldBy(ClusterSnapshot snapshot) {
            Optional<Map<String, Object>> found = snapshot.find(ref);
            if (absent) {
                return found.isEmpty();
            }
            if (found.isEmpty() || !(found.get().get("metadata") instanceof Map<?, ?> metadata)) {
                return false;
            }
            if (promotionId != null) {
                return metadata.get("annotations") instanceof Map<?, ?> annotations
                        && promotionId.equals(annotations.get(PROMOTION_ID));
            }
            return replaced == null || !replaced.equals(metadata.get("resourceVersion"));
        }

        @Override
        public String toString() {
            return ref + (absent ? " removed" : " written");
        }
    }

    private final AuditIntents intents;

    ClusterChangeIntents(AuditIntents intents) {
        this.intents = intents;
    }

    /**
     * Records the intent, committed when this returns.
     *
     * @param action the audit action, starting with {@link #PREFIX}
     * @param reason what the change does, as the audit record says when the portal's own record is missing
     */
    AuditIntent intend(
            CurrentUser user,
            String action,
            PolicyRef ref,
            String tier,
            String reason,
            @Nullable String before,
            @Nullable String after,
            List<Expected> expected) {
        if (!action.startsWith(PREFIX)) {
            throw new IllegalArgumentException(action + " does not start with " + PREFIX);
        }
        AuditEntry entry = AuditEntry.builder(Actor.of(user), action)
                .target(PolicyManifests.kindName(ref), ref.namespace(), ref.name())
                .tier(tier)
                .reason(reason + "; the portal's own record of it was never written")
                .change(before, after)
                .correlationId(CorrelationId.current().orElse(null))
                .build();
        return intents.intend(entry, payload(expected));
    }

    /**
     * The cluster refused or failed: an unknown outcome (the API server could not be reached) is left to the sweep;
     * a refusal means nothing changed, unless earlier steps of the change went through ({@code done}), which are
     * audited now.
     */
    void failed(AuditIntent intent, RuntimeException failure, List<String> done) {
        if (failure instanceof ClusterUnavailableException) {
            return;
        }
        if (done.isEmpty()) {
            intents.abandon(intent.id());
        } else {
            intents.settle(
                    intent.id(),
                    "only partly: " + String.join(", ", done) + "; then the cluster refused: "
                            + Objects.requireNonNullElse(
                                    failure.getMessage(), failure.getClass().getSimpleName()));
        }
    }

    /** In the transaction that writes the change's own audit record. */
    void discharge(AuditIntent intent) {
        intents.discharge(intent.id());
    }

    /** The objects of a recorded intent that the cluster holds as the change left them; empty when none. */
    static List<String> heldBy(AuditIntent intent, ClusterSnapshot snapshot) {
        List<String> held = new ArrayList<>();
        for (Expected expected : expected(intent.payloadJson())) {
            if (expected.heldBy(snapshot)) {
                held.add(expected.toString());
            }
        }
        return held;
    }

    static String payload(List<Expected> expected) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode objects = root.putArray("objects");
        for (Expected e : expected) {
            ObjectNode o = objects.addObject();
            o.put("kind", e.ref().kind().name());
            o.put("namespace", e.ref().namespace());
            o.put("name", e.ref().name());
            o.put("absent", e.absent());
            o.put("replaced", e.replaced());
            o.put("promotionId", e.promotionId());
        }
        return JSON.writeValueAsString(root);
    }

    static List<Expected> expected(String payload) {
        List<Expected> out = new ArrayList<>();
        for (JsonNode o : JSON.readTree(payload).path("objects")) {
            out.add(new Expected(
                    new ObjectRef(
                            ClusterKind.valueOf(o.path("kind").asString()),
                            text(o, "namespace"),
                            o.path("name").asString()),
                    o.path("absent").asBoolean(),
                    text(o, "replaced"),
                    text(o, "promotionId")));
        }
        return out;
    }

    private static @Nullable String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
