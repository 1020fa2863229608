package dev.tierdeck.tier;

import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.engine.model.Tier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tier change recorded before the cluster is written: what the cluster should hold afterwards, and the governance
 * to record once it does.
 *
 * @param operation {@link #CREATE}, {@link #UPDATE} or {@link #DELETE}
 * @param author who changes it, as the governance table records it
 */
record TierIntent(
        String operation,
        String name,
        @Nullable Double order,
        RuleAction defaultAction,
        TierSettings settings,
        String author) {

    static final String CREATE = "create";
    static final String UPDATE = "update";
    static final String DELETE = "delete";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    String json() {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("operation", operation);
        m.put("name", name);
        m.put("order", order);
        m.put("defaultAction", defaultAction.name());
        m.put("locked", settings.locked());
        m.put("owners", settings.owners());
        m.put("developerTier", settings.developerTier());
        m.put("purpose", settings.purpose());
        m.put("confidential", settings.confidential());
        m.put("author", author);
        return JSON.writeValueAsString(m);
    }

    static TierIntent of(String json) {
        JsonNode n = JSON.readTree(json);
        JsonNode order = n.get("order");
        return new TierIntent(
                n.path("operation").asString(),
                n.path("name").asString(),
                order == null || order.isNull() ? null : order.asDouble(),
                RuleAction.valueOf(n.path("defaultAction").asString()),
                new TierSettings(
                        n.path("locked").asBoolean(),
                        n.path("owners").valueStream().map(JsonNode::asString).toList(),
                        n.path("developerTier").asBoolean(),
                        n.path("purpose").asString(),
                        n.path("confidential").asBoolean()),
                n.path("author").asString());
    }

    /** Whether the cluster holds what this change leaves behind. */
    boolean heldBy(@Nullable Tier current) {
        if (operation.equals(DELETE)) {
            return current == null;
        }
        return current != null && Objects.equals(current.order(), order) && current.defaultAction() == defaultAction;
    }
}
