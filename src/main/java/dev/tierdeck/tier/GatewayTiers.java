package dev.tierdeck.tier;

import dev.tierdeck.cluster.ActingUser;
import dev.tierdeck.cluster.ClusterKind;
import dev.tierdeck.cluster.ClusterWriter;
import dev.tierdeck.cluster.DryRunResult;
import dev.tierdeck.cluster.ObjectRef;
import dev.tierdeck.engine.model.RuleAction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** {@link ClusterTiers} through the cluster gateway's {@link ClusterWriter}. */
@Component
class GatewayTiers implements ClusterTiers {

    private final ClusterWriter writer;

    GatewayTiers(ClusterWriter writer) {
        this.writer = writer;
    }

    @Override
    public @Nullable String create(ActingUser admin, String name, @Nullable Double order, RuleAction defaultAction) {
        check(admin, manifest(name, order, defaultAction, null));
        throw missingTierWrites();
    }

    @Override
    public @Nullable String replace(
            ActingUser admin,
            String name,
            @Nullable Double order,
            RuleAction defaultAction,
            @Nullable String resourceVersion) {
        check(admin, manifest(name, order, defaultAction, resourceVersion));
        throw missingTierWrites();
    }

    @Override
    public void delete(ActingUser admin, String name, @Nullable String resourceVersion) {
        if (resourceVersion == null) {
            throw TierProblem.conflict("The tier " + name + " is not declared in the cluster; reload and try again.");
        }
        writer.delete(admin, new ObjectRef(ClusterKind.TIER, null, name), resourceVersion);
    }

    /** A dry run as the admin: the API server's validation and the admin's RBAC answer before anything changes. */
    private void check(ActingUser admin, Map<String, Object> tier) {
        DryRunResult result = writer.dryRun(admin, List.of(tier));
        for (DryRunResult.Item item : result.items()) {
            if (item.problem() != null) {
                throw item.problem();
            }
        }
    }

    private static TierProblem missingTierWrites() {
        return TierProblem.unavailable("The cluster gateway of this build cannot create or replace Tier objects yet;"
                + " nothing was changed.");
    }

    static Map<String, Object> manifest(
            String name, @Nullable Double order, RuleAction defaultAction, @Nullable String resourceVersion) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        if (resourceVersion != null) {
            metadata.put("resourceVersion", resourceVersion);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        if (order != null) {
            spec.put("order", order);
        }
        spec.put("defaultAction", defaultAction.name());
        Map<String, Object> tier = new LinkedHashMap<>();
        tier.put("apiVersion", ClusterKind.TIER.apiVersion());
        tier.put("kind", ClusterKind.TIER.kind());
        tier.put("metadata", metadata);
        tier.put("spec", spec);
        return tier;
    }
}
