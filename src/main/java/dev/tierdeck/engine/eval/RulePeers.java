package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.EntityRule;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.selector.Selector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * What one side of a rule matches by identity, and which pods a policy applies to, resolved by the same code the
 * evaluator matches with (calico-semantics §2.4, §2.8). For readers that need the members themselves rather than a
 * verdict per flow, such as the guardrails that judge what a rule allows.
 */
public final class RulePeers {

    /** The last cluster asked about: the state of a live cluster changes rarely, and its index is costly to build. */
    private static final AtomicReference<@Nullable RulePeers> LAST = new AtomicReference<>();

    /** Where the members of a side may live (calico-semantics §2.8). */
    public enum Scope {
        /** Every endpoint and network set, namespaced or not. */
        EVERYTHING,
        /** The policy's own namespace ({@link Peer#namespace()}). */
        NAMESPACE,
        /** {@code namespaceSelector: all()}: every namespace, nothing non-namespaced. */
        ANY_NAMESPACE,
        /** {@code namespaceSelector: global()}: only non-namespaced network sets (and host endpoints). */
        NON_NAMESPACED,
        /** Namespaces whose labels match {@link Peer#namespaceSelector()}. */
        NAMESPACE_SELECTOR
    }

    /**
     * A side's identity criterion and its members now.
     *
     * @param namespace the namespace for {@link Scope#NAMESPACE}
     * @param namespaceSelector the selector over namespace labels for {@link Scope#NAMESPACE_SELECTOR}
     * @param selector the positive selector (for a negated side, the {@code notSelector})
     * @param excluded the {@code notSelector} folded into a positive side
     * @param negated the side matches every address except the members' ({@code notSelector} without any
     *     positive criterion)
     * @param pods the member pods
     * @param networkSets the member network sets
     */
    public record Peer(
            Scope scope,
            @Nullable String namespace,
            @Nullable Selector namespaceSelector,
            @Nullable Selector selector,
            @Nullable Set<String> serviceAccountNames,
            @Nullable Selector serviceAccountSelector,
            @Nullable Selector excluded,
            boolean negated,
            List<Pod> pods,
            List<NetworkSetMember> networkSets) {

        public Peer {
            pods = List.copyOf(pods);
            networkSets = List.copyOf(networkSets);
        }
    }

    /** A member network set: its namespace ({@code null} for a GlobalNetworkSet) and its networks. */
    public record NetworkSetMember(@Nullable String namespace, List<Cidr> nets) {
        public NetworkSetMember {
            nets = List.copyOf(nets);
        }
    }

    private final ClusterState state;
    private final Index index;
    private final MemberCache cache;

    private RulePeers(ClusterState state) {
        this.state = state;
        this.index = new Index(state);
        this.cache = new MemberCache(index);
    }

    /** The peers of {@code state}; asking again about the same state object reuses its index. */
    public static RulePeers of(ClusterState state) {
        RulePeers last = LAST.get();
        if (last != null && last.state == state) {
            return last;
        }
        RulePeers fresh = new RulePeers(state);
        LAST.set(fresh);
        return fresh;
    }

    /** Every pod of the cluster. */
    public List<Pod> pods() {
        return List.of(index.pods);
    }

    /**
     * The identity criterion of one side of a rule, or {@code null} when it has none (only nets, ports, or nothing),
     * scoped as a rule of a policy in {@code policyNamespace} ({@code null} for a global policy).
     *
     * @throws IllegalArgumentException when a selector of the side does not parse
     */
    public @Nullable Peer peer(@Nullable String policyNamespace, EntityRule side) {
        PeerMatcher matcher = CompiledRule.Side.peer(side, policyNamespace, cache);
        if (matcher == null) {
            return null;
        }
        MemberSpec spec = matcher.spec();
        MemberSpec.Members members = matcher.members();
        List<Pod> pods = new ArrayList<>();
        for (int i = members.pods().nextSetBit(0); i >= 0; i = members.pods().nextSetBit(i + 1)) {
            pods.add(index.pods[i]);
        }
        List<NetworkSetMember> sets = new ArrayList<>();
        for (int s = members.netsets().nextSetBit(0);
                s >= 0;
                s = members.netsets().nextSetBit(s + 1)) {
            sets.add(new NetworkSetMember(index.netsetNamespaces[s], Arrays.asList(index.netsetCidrs[s])));
        }
        return new Peer(
                Scope.valueOf(spec.scope().name()),
                spec.namespace(),
                spec.namespaceSelector(),
                spec.selector(),
                spec.serviceAccountNames(),
                spec.serviceAccountSelector(),
                spec.excluded(),
                matcher.negated(),
                pods,
                sets);
    }

    /**
     * The pods a policy applies to (calico-semantics §2.4).
     *
     * @throws IllegalArgumentException when a selector of the policy does not parse
     */
    public List<Pod> selectedPods(CalicoPolicy policy) {
        BitSet selected = CompiledPolicy.selectedPods(policy, index);
        List<Pod> out = new ArrayList<>();
        for (int i = selected.nextSetBit(0); i >= 0; i = selected.nextSetBit(i + 1)) {
            out.add(index.pods[i]);
        }
        return out;
    }
}
