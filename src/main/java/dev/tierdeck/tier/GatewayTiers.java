package dev.tierdeck.tier;

import dev.tierdeck.cluster.ActingUser;
import dev.tierdeck.cluster.ClusterKind;
import dev.tierdeck.cluster.ClusterWriter;
import dev.tierdeck.cluster.ObjectRef;
import dev.tierdeck.engine.model.RuleAction;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@link ClusterTiers} through the cluster gateway's {@link ClusterWriter}: Tier objects are created, replaced
 * (guarded by their resourceVersion) and deleted as the acting admin. A refusal raises the gateway's exception and the
 * caller's transaction rolls the governance back.
 */
@Component
class GatewayTiers implements ClusterTiers {

    private final ClusterWriter writer;

    GatewayTiers(ClusterWriter writer) {
        this.writer = writer;
    }

    @Override
    public @Nullable String create(ActingUser admin, String name, @Nullable Double order, RuleAction defaultAction) {
        return writer.putTier(admin, tier(name, order, defaultAction), null).resourceVersion();
    }

    @Override
    public @Nullable String replace(
            ActingUser admin,
            String name,
            @Nullable Double order,
            RuleAction defaultAction,
            @Nullable String resourceVersion) {
        if (resourceVersion == null) {
            throw TierProblem.conflict("The tier " + name + " is not declared in the cluster; reload and try again.");
        }
        return writer.putTier(admin, tier(name, order, defaultAction), resourceVersion)
                .resourceVersion();
    }

    @Override
    public void delete(ActingUser admin, String name, @Nullable String resourceVersion) {
        if (resourceVersion == null) {
            throw TierProblem.conflict("The tier " + name + " is not declared in the cluster; reload and try again.");
        }
        writer.delete(admin, new ObjectRef(ClusterKind.TIER, null, name), resourceVersion);
    }

    /** A Calico Tier: without an order it is evaluated after every tier with one (calico-semantics.md §1). */
    private static Map<String, Object> tier(String name, @Nullable Double order, RuleAction defaultAction) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (order != null) {
            spec.put("order", order);
        }
        spec.put("defaultAction", defaultAction.name());
        Map<String, Object> tier = new LinkedHashMap<>();
        tier.put("apiVersion", "projectcalico.org/v3");
        tier.put("kind", "Tier");
        tier.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
        tier.put("spec", spec);
        return tier;
    }
}
