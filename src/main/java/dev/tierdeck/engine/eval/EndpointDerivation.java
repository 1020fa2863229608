package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.ClusterState;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives a compiled cluster for endpoint changes (pods, namespace and service-account labels) from the previous
 * one, with the same policies: every resolved rule peer and policy selection is decided again for the changed pods
 * only, policies are compiled again only when one of their peers changed members, and the per-pod lists and verdict
 * programs are rebuilt only for pods that are new, changed, or selected by such a policy. The result answers exactly
 * as a cluster compiled from scratch.
 */
final class EndpointDerivation {

    private EndpointDerivation() {}

    static CompiledCluster derive(CompiledCluster previous, ClusterState state, EndpointChanges change) {
        Index index = new Index(previous.index, state, change);
        Map<MemberSpec, MemberSpec.Members> before = previous.liveMembers();
        Map<MemberSpec, MemberSpec.Members> after = new HashMap<>(before.size() * 2);
        before.forEach((spec, members) -> {
            String only = spec.onlyNamespace();
            int[] ids = only != null ? change.changedIn(only) : change.changed();
            after.put(spec, ids.length == 0 ? members : spec.reresolve(members, index, ids));
        });
        MemberCache cache = new MemberCache(index, after);

        // the members objects that changed: every peer of the previous policies holds one of before's values
        Set<MemberSpec.Members> stale = Collections.newSetFromMap(new IdentityHashMap<>());
        before.forEach((spec, members) -> {
            if (after.get(spec) != members) {
                stale.add(members);
            }
        });

        int n = previous.policies.length;
        CompiledPolicy[] policies = previous.policies.clone();
        BitSet[] selected = new BitSet[n];
        BitSet lists = new BitSet();
        for (int id : change.changed()) {
            lists.set(id);
        }
        BitSet programs = (BitSet) lists.clone();
        // policies with equal selections share one set; so do their reselections
        Map<BitSet, BitSet> reselected = new IdentityHashMap<>();
        for (int k = 0; k < n; k++) {
            CompiledPolicy p = previous.policies[k];
            int[] ids = p.kind.namespaced() ? change.changedIn(p.namespace) : change.changed();
            BitSet was = previous.selected[k];
            selected[k] = ids.length == 0 ? was : reselected.computeIfAbsent(was, s -> p.reselect(s, index, ids));
            if (!stale.isEmpty() && holdsAny(p, stale)) {
                // compiled again at the same position: the pods it applies to keep their lists, but their packed
                // programs hold the old members and are built again
                policies[k] = new CompiledPolicy(p.source, p.policy, p.tier, cache);
                programs.or(was);
                programs.or(selected[k]);
            }
        }
        CompiledCluster derived =
                new CompiledCluster(state, index, cache, policies, selected, previous, lists, programs);
        derived.setLiveMembers(after);
        return derived;
    }

    private static boolean holdsAny(CompiledPolicy p, Set<MemberSpec.Members> stale) {
        for (CompiledRule[] rules : List.of(p.ingress, p.egress)) {
            for (CompiledRule r : rules) {
                if ((r.source.peer != null && stale.contains(r.source.peer.members()))
                        || (r.destination.peer != null && stale.contains(r.destination.peer.members()))) {
                    return true;
                }
            }
        }
        return false;
    }

    static List<PeerMatcher> peers(CompiledPolicy p) {
        List<PeerMatcher> out = new ArrayList<>();
        for (CompiledRule r : p.ingress) {
            r.collectPeers(out);
        }
        for (CompiledRule r : p.egress) {
            r.collectPeers(out);
        }
        return out;
    }
}
