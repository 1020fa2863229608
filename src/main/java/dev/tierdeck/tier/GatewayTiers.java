package dev.tierdeck.tier;

import dev.tierdeck.cluster.ActingUser;
import dev.tierdeck.cluster.ClusterKind;
import dev.tierdeck.cluster.ClusterWriter;
import dev.tierdeck.cluster.ObjectRef;
import dev.tierdeck.engine.model.RuleAction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@link ClusterTiers} through the cluster gateway's {@link ClusterWriter}. The gateway deletes any object kind as
 * the acting user, but creates and replaces only policies: until it can write Tier objects, creating a tier or
 * changing its order or default action is refused before anything is sent, and the caller's transaction rolls the
 * governance back.
 */
@Component
class GatewayTiers implements ClusterTiers {

    private final ClusterWriter writer;

    GatewayTiers(ClusterWriter writer) {
        this.writer = writer;
    }

    @Override
    public @Nullable String create(ActingUser admin, String name, @Nullable Double order, RuleAction defaultAction) {
        throw missingTierWrites();
    }

    @Override
    public @Nullable String replace(
            ActingUser admin,
            String name,
            @Nullable Double order,
            RuleAction defaultAction,
            @Nullable String resourceVersion) {
        throw missingTierWrites();
    }

    @Override
    public void delete(ActingUser admin, String name, @Nullable String resourceVersion) {
        if (resourceVersion == null) {
            throw TierProblem.conflict("The tier " + name + " is not declared in the cluster; reload and try again.");
        }
        writer.delete(admin, new ObjectRef(ClusterKind.TIER, null, name), resourceVersion);
    }

    private static TierProblem missingTierWrites() {
        return TierProblem.unavailable("Tierdeck cannot yet create Tier objects or change their order or default"
                + " action in the cluster; nothing was changed. Governance settings (lock, owners, developer tier,"
                + " purpose, confidential) can be changed.");
    }
}
