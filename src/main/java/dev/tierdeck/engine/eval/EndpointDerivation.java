package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.ClusterState;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

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

        int n = previous.policies.length;
        CompiledPolicy[] policies = previous.policies.clone();
        BitSet[] selected = new BitSet[n];
        BitSet affected = new BitSet();
        for (int id : change.changed()) {
            affected.set(id);
        }
        // policies with equal selections share one set; so do their reselections
        Map<BitSet, BitSet> reselected = new IdentityHashMap<>();
        for (int k = 0; k < n; k++) {
            CompiledPolicy p = previous.policies[k];
            int[] ids = p.kind.namespaced() ? change.changedIn(p.namespace) : change.changed();
            BitSet was = previous.selected[k];
            selected[k] = ids.length == 0 ? was : reselected.computeIfAbsent(was, s -> p.reselect(s, index, ids));
            if (peersChanged(p, before, after)) {
                policies[k] = new CompiledPolicy(p.source, p.policy, p.tier, cache);
                // the pods it applies to read its rules from packed programs that must be built again
                affected.or(was);
                affected.or(selected[k]);
            }
        }
        CompiledCluster derived = new CompiledCluster(state, index, cache, policies, selected, previous, affected);
        derived.setLiveMembers(after);
        return derived;
    }

    private static boolean peersChanged(
            CompiledPolicy p, Map<MemberSpec, MemberSpec.Members> before, Map<MemberSpec, MemberSpec.Members> after) {
        for (PeerMatcher peer : peers(p)) {
            MemberSpec spec = peer.spec();
            if (before.get(spec) != after.get(spec)) {
                return true;
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
