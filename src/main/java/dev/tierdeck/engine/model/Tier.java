package dev.tierdeck.engine.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Calico tier. {@code order == null} means "evaluated last" (calico-semantics §1.2, §2.2).
 *
 * @param defaultAction {@link RuleAction#Deny} or {@link RuleAction#Pass}
 */
public record Tier(String name, @Nullable Double order, RuleAction defaultAction) implements ClusterObject {

    public static final String KUBE_ADMIN = "kube-admin";
    public static final String DEFAULT = "default";
    public static final String KUBE_BASELINE = "kube-baseline";

    /** The tiers that exist in every 3.32 cluster without being declared (calico-semantics §1.2). */
    public static final List<Tier> BUILT_IN = List.of(
            new Tier(KUBE_ADMIN, 1_000.0, RuleAction.Pass),
            new Tier(DEFAULT, 1_000_000.0, RuleAction.Deny),
            new Tier(KUBE_BASELINE, 10_000_000.0, RuleAction.Pass));

    @Override
    public ObjectKey key() {
        return new ObjectKey("Tier", null, name);
    }
}
