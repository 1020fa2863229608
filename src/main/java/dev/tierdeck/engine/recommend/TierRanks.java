package dev.tierdeck.engine.recommend;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterNetworkPolicy;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.engine.model.Tier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The evaluation order of the tiers (calico-semantics §2.2), to tell whether a decisive hit comes from above the
 * developer tier: defined tiers before tiers only referenced by policies, an order before none, lower order first,
 * then the name. A tier that is only referenced ends in Deny.
 */
final class TierRanks {

    private record T(String name, @Nullable Double order, RuleAction defaultAction, boolean defined) {}

    private final Map<String, Integer> ranks = new HashMap<>();
    private final Map<String, RuleAction> defaults = new HashMap<>();

    TierRanks(ClusterState state, String extra) {
        Map<String, T> all = new HashMap<>();
        for (Tier t : state.tiers()) {
            all.put(t.name(), new T(t.name(), t.order(), t.defaultAction(), true));
        }
        for (CalicoPolicy p : state.calicoPolicies()) {
            all.putIfAbsent(p.tier(), new T(p.tier(), null, RuleAction.Deny, false));
        }
        for (ClusterNetworkPolicy p : state.clusterPolicies()) {
            all.putIfAbsent(p.calicoTier(), new T(p.calicoTier(), null, RuleAction.Deny, false));
        }
        all.putIfAbsent(extra, new T(extra, null, RuleAction.Deny, false));
        List<T> sorted = new ArrayList<>(all.values());
        sorted.sort(Comparator.comparing((T t) -> !t.defined())
                .thenComparing(t -> t.order() == null)
                .thenComparing(t -> t.order() == null ? 0.0 : t.order())
                .thenComparing(T::name));
        for (int i = 0; i < sorted.size(); i++) {
            ranks.put(sorted.get(i).name(), i);
            defaults.put(sorted.get(i).name(), sorted.get(i).defaultAction());
        }
    }

    /** The tier's position; profiles ({@code ""}) and unknown names come after every tier. */
    int rank(String tier) {
        return ranks.getOrDefault(tier, Integer.MAX_VALUE);
    }

    RuleAction defaultAction(String tier) {
        return defaults.getOrDefault(tier, RuleAction.Deny);
    }
}
