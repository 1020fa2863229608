package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.IpAddress;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.RuleAction;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A cluster compiled for evaluation: endpoints indexed, policies ordered, and for every pod and direction the
 * ordered list of policies that select it. Immutable and safe to share between threads.
 */
public final class CompiledCluster {

    final ClusterState state;
    final Index index;
    final MemberCache cache;
    final CompiledPolicy[] policies;
    final BitSet[] selected;
    final int[][] ingressLists;
    final int[][] egressLists;
    /** Whether a pod's list holds a staged policy; without one the pending trace equals the enforced one. */
    final boolean[] ingressStaged;

    final boolean[] egressStaged;

    private final VerdictPrograms programs;

    /** Pods per namespace of each selection, counted on first use and carried over while a selection is unchanged. */
    private final SelectionCounts selectionCounts;

    /** Every rule peer of the policies, resolved (see {@link #liveMembers()}). */
    private volatile java.util.@Nullable Map<MemberSpec, MemberSpec.Members> liveMembers;

    private volatile DerivedLists.@Nullable Groups groups;

    /** Which policy (by its position) each policy object is, built on first use. */
    private volatile java.util.@Nullable Map<dev.tierdeck.engine.model.ObjectKey, Integer> policyPositions;

    CompiledCluster(ClusterState state, Index index, MemberCache cache, CompiledPolicy[] policies, BitSet[] selected) {
        this.state = state;
        this.index = index;
        this.cache = cache;
        this.policies = policies;
        this.selected = selected;
        int n = index.podCount();
        PolicyLists lists = new PolicyLists(n);
        for (int k = 0; k < policies.length; k++) {
            CompiledPolicy p = policies[k];
            BitSet s = selected[k];
            for (int pod = s.nextSetBit(0); pod >= 0; pod = s.nextSetBit(pod + 1)) {
                if (p.ingressType) {
                    lists.addIngress(pod, k);
                }
                if (p.egressType) {
                    lists.addEgress(pod, k);
                }
            }
        }
        this.ingressLists = lists.ingress();
        this.egressLists = lists.egress();
        this.ingressStaged = stagedFlags(ingressLists);
        this.egressStaged = stagedFlags(egressLists);
        this.programs = new VerdictPrograms(this);
        this.selectionCounts = new SelectionCounts();
    }

    /**
     * A cluster that differs from {@code previous} only in policies: the lists of pods that no changed policy
     * selects are carried over (renumbered), the others rebuilt.
     */
    CompiledCluster(
            ClusterState state,
            CompiledCluster previous,
            CompiledPolicy[] policies,
            BitSet[] selected,
            BitSet affected) {
        this(state, previous.index, previous.cache, policies, selected, previous, affected, affected);
    }

    /**
     * A cluster derived from {@code previous} over {@code index}, which keeps the ids of the pods it shares with the
     * previous one: the policy lists of pods outside {@code listsAffected} are carried over (renumbered when
     * policies moved) and so are the verdict programs of pods outside {@code programsAffected}; the others are
     * rebuilt. Every new or emptied slot must be in both.
     */
    CompiledCluster(
            ClusterState state,
            Index index,
            MemberCache cache,
            CompiledPolicy[] policies,
            BitSet[] selected,
            CompiledCluster previous,
            BitSet listsAffected,
            BitSet programsAffected) {
        this.state = state;
        this.index = index;
        this.cache = cache;
        this.policies = policies;
        this.selected = selected;
        // a policy compiled again from the same object (its peers' members changed) takes the old one's place
        java.util.IdentityHashMap<Object, Integer> position = new java.util.IdentityHashMap<>();
        for (int k = 0; k < policies.length; k++) {
            position.put(policies[k], k);
            position.putIfAbsent(policies[k].source, k);
        }
        int[] remap = new int[previous.policies.length];
        boolean identity = remap.length == policies.length;
        for (int k = 0; k < remap.length; k++) {
            Integer to = position.get(previous.policies[k]);
            if (to == null) {
                to = position.get(previous.policies[k].source);
            }
            remap[k] = to == null ? -1 : to;
            identity &= remap[k] == k;
        }
        if (identity && previous.groups != null) {
            // the same policies at the same positions
            this.groups = previous.groups;
        }
        DerivedLists lists = new DerivedLists(this, remap, identity, listsAffected);
        this.ingressLists = lists.carryOver(previous.ingressLists, true);
        this.egressLists = lists.carryOver(previous.egressLists, false);
        this.ingressStaged = lists.stagedFlags(ingressLists, previous.ingressStaged);
        this.egressStaged = lists.stagedFlags(egressLists, previous.egressStaged);
        this.programs = new VerdictPrograms(this, previous.programs, programsAffected);
        this.selectionCounts = new SelectionCounts(previous.selectionCounts, selected);
    }

    private boolean[] stagedFlags(int[][] lists) {
        boolean[] out = new boolean[lists.length];
        java.util.IdentityHashMap<int[], Boolean> seen = new java.util.IdentityHashMap<>();
        for (int pod = 0; pod < lists.length; pod++) {
            out[pod] = seen.computeIfAbsent(lists[pod], this::holdsStaged);
        }
        return out;
    }

    /** Whether a policy list holds a staged policy. */
    boolean holdsStaged(int[] list) {
        for (int k : list) {
            if (policies[k].staged) {
                return true;
            }
        }
        return false;
    }

    /** Policy positions by the namespace of namespaced policies, and those of the others; built on first use. */
    DerivedLists.Groups groups() {
        DerivedLists.Groups g = groups;
        if (g == null) {
            g = DerivedLists.Groups.of(policies);
            groups = g;
        }
        return g;
    }

    public ClusterState state() {
        return state;
    }

    /**
     * The members of every rule peer of this cluster's policies, each resolved over this cluster's endpoints, for a
     * derivation: peers are resolved lazily otherwise, and a peer left unresolved here could not be resolved over
     * the right endpoints later.
     */
    java.util.Map<MemberSpec, MemberSpec.Members> liveMembers() {
        java.util.Map<MemberSpec, MemberSpec.Members> m = liveMembers;
        if (m == null) {
            m = new java.util.HashMap<>();
            for (CompiledPolicy p : policies) {
                for (PeerMatcher peer : EndpointDerivation.peers(p)) {
                    m.putIfAbsent(peer.spec(), peer.members());
                }
            }
            liveMembers = m;
        }
        return m;
    }

    void setLiveMembers(java.util.Map<MemberSpec, MemberSpec.Members> members) {
        liveMembers = members;
    }

    /**
     * The pods a policy applies to (its own selectors, calico-semantics §2.4), as compiled for evaluation and kept
     * current by {@link Engine#update}: empty for a policy the cluster does not evaluate (unknown, a staged
     * deletion, doNotTrack or preDNAT). A Kubernetes policy is asked for by its own key.
     */
    public List<Pod> selectedPods(dev.tierdeck.engine.model.ObjectKey policy) {
        Integer k = policyPositions().get(policy);
        if (k == null) {
            return List.of();
        }
        List<Pod> out = new ArrayList<>(selected[k].cardinality());
        for (int pod = selected[k].nextSetBit(0); pod >= 0; pod = selected[k].nextSetBit(pod + 1)) {
            out.add(index.pods[pod]);
        }
        return out;
    }

    /** How many pods {@link #selectedPods} would list, without listing them. */
    public int selectedCount(dev.tierdeck.engine.model.ObjectKey policy) {
        Integer k = policyPositions().get(policy);
        return k == null ? 0 : selected[k].cardinality();
    }

    /**
     * How many of the pods {@link #selectedPods} would list are in each namespace (sorted by namespace), without
     * listing them: counted once per selection and kept by derived clusters for every selection no change touched.
     * Empty for a policy the cluster does not evaluate.
     */
    public java.util.Map<String, Integer> selectedByNamespace(dev.tierdeck.engine.model.ObjectKey policy) {
        Integer k = policyPositions().get(policy);
        return k == null ? java.util.Map.of() : selectionCounts.of(selected[k], index.pods);
    }

    /** Whether this cluster evaluates the policy (see {@link #selectedPods}). */
    public boolean evaluates(dev.tierdeck.engine.model.ObjectKey policy) {
        return policyPositions().containsKey(policy);
    }

    private java.util.Map<dev.tierdeck.engine.model.ObjectKey, Integer> policyPositions() {
        java.util.Map<dev.tierdeck.engine.model.ObjectKey, Integer> m = policyPositions;
        if (m == null) {
            m = new java.util.HashMap<>();
            for (int k = 0; k < policies.length; k++) {
                m.put(policies[k].source.key(), k);
            }
            policyPositions = m;
        }
        return m;
    }

    /** Whether the cluster has this pod. */
    public boolean hasPod(String namespace, String name) {
        return index.podId(namespace, name) >= 0;
    }

    /** Both traces of a flow with their decisive hits. */
    public FlowVerdict evaluate(Flow flow) {
        FlowContext f = resolve(flow);
        DirectionVerdict egress = verdict(f.srcPod, false, false, f);
        DirectionVerdict ingress = verdict(f.dstPod, true, false, f);
        Trace enforced = new Trace(egress, ingress);
        // Without staged policies both walks are the same, except that an end-of-tier hit names another trigger.
        boolean egressSame = f.srcPod < 0 || (!egressStaged[f.srcPod] && !endsInEndOfTier(egress));
        boolean ingressSame = f.dstPod < 0 || (!ingressStaged[f.dstPod] && !endsInEndOfTier(ingress));
        Trace pending = egressSame && ingressSame
                ? enforced
                : new Trace(
                        egressSame ? egress : verdict(f.srcPod, false, true, f),
                        ingressSame ? ingress : verdict(f.dstPod, true, true, f));
        return new FlowVerdict(flow.id(), enforced, pending);
    }

    private static boolean endsInEndOfTier(@Nullable DirectionVerdict d) {
        return d != null && d.hits().getLast().kind().equals(PolicyHit.END_OF_TIER);
    }

    /** The enforced verdict only, without building hits. */
    public Verdict action(Flow flow) {
        return action(resolve(flow), false);
    }

    /** The pending verdict only (every staged policy in force), without building hits. */
    public Verdict pendingAction(Flow flow) {
        return action(resolve(flow), true);
    }

    /**
     * Enforced verdicts of flows already resolved against this cluster (the fast path for large batches), on every
     * core for a large batch.
     *
     * @throws IllegalArgumentException when the batch was resolved against another cluster's endpoints
     */
    public Verdict[] actions(FlowBatch batch) {
        return actions(batch, true);
    }

    /**
     * As {@link #actions(FlowBatch)}; {@code parallel} false keeps to the calling thread. Each flow walks the packed
     * enforced tiers of its endpoints (see {@link VerdictPrograms}).
     */
    public Verdict[] actions(FlowBatch batch, boolean parallel) {
        if (batch.index != index) {
            throw new IllegalArgumentException("the flows were resolved against different endpoints");
        }
        Verdict[] out = new Verdict[batch.size()];
        int chunks = parallel && out.length > 100_000 ? Runtime.getRuntime().availableProcessors() : 1;
        int step = (out.length + chunks - 1) / Math.max(1, chunks);
        java.util.stream.IntStream range = java.util.stream.IntStream.range(0, chunks);
        if (chunks > 1) {
            range = range.parallel();
        }
        range.forEach(c -> {
            int end = Math.min(out.length, (c + 1) * step);
            for (int i = c * step; i < end; i++) {
                out[i] = packedAction(batch.contexts[i]);
            }
        });
        batch.cacheVerdicts(this, out);
        return out.clone();
    }

    /**
     * The verdict of one flow by walking the policies, for a few flows at a time (single flows, impact analysis),
     * where building packed programs would cost more than it saves.
     */
    Verdict action(FlowContext f, boolean pending) {
        boolean ok = (f.srcPod < 0 || direction(f.srcPod, false, pending, f, null))
                && (f.dstPod < 0 || direction(f.dstPod, true, pending, f, null));
        return ok ? Verdict.Allow : Verdict.Deny;
    }

    /** The enforced verdict from the packed programs; the same answer as {@code action(f, false)}. */
    private Verdict packedAction(FlowContext f) {
        boolean ok = (f.srcPod < 0 || programs.allows(f.srcPod, false, f))
                && (f.dstPod < 0 || programs.allows(f.dstPod, true, f));
        return ok ? Verdict.Allow : Verdict.Deny;
    }

    Trace trace(FlowContext f, boolean pending) {
        return new Trace(verdict(f.srcPod, false, pending, f), verdict(f.dstPod, true, pending, f));
    }

    private @Nullable DirectionVerdict verdict(int pod, boolean ingress, boolean pending, FlowContext f) {
        if (pod < 0) {
            return null;
        }
        List<PolicyHit> hits = new ArrayList<>(2);
        boolean allowed = direction(pod, ingress, pending, f, hits);
        return new DirectionVerdict(allowed ? Verdict.Allow : Verdict.Deny, hits);
    }

    /**
     * One direction at one endpoint (calico-semantics §2.1): tiers in order, a tier skipped when none of its
     * (considered) policies selects the endpoint, first matching Allow/Deny decides, Pass leaves the tier, Log goes
     * on, an exhausted tier applies its default action, and after the last tier the namespace profile allows. When
     * enforcing, staged policies are left out, so a staged-only tier is invisible (§4.1, §7.16).
     */
    private boolean direction(
            int pod, boolean ingress, boolean pending, FlowContext f, @Nullable List<PolicyHit> hits) {
        int[] list = ingress ? ingressLists[pod] : egressLists[pod];
        int n = list.length;
        int i = 0;
        while (i < n) {
            CompiledPolicy.TierInfo tier = policies[list[i]].tier;
            int first = -1;
            int last = -1;
            boolean passed = false;
            int j = i;
            for (; j < n && policies[list[j]].tier.rank() == tier.rank(); j++) {
                CompiledPolicy p = policies[list[j]];
                if (passed || (!pending && p.staged)) {
                    continue;
                }
                if (first < 0) {
                    first = j;
                }
                last = j;
                for (CompiledRule r : p.rules(ingress)) {
                    if (r.action == RuleAction.Log || !r.matches(f)) {
                        continue;
                    }
                    if (hits != null) {
                        hits.add(hit(p, r.index, r.action));
                    }
                    if (r.action == RuleAction.Pass) {
                        passed = true;
                        break;
                    }
                    return r.action == RuleAction.Allow;
                }
            }
            if (!passed && first >= 0 && tier.defaultAction() == RuleAction.Deny) {
                // The end-of-tier hit names the last enforced policy (enforced trace) or the first policy
                // (pending trace) of the tier that selected the endpoint (§4.3).
                if (hits != null) {
                    CompiledPolicy trigger = policies[list[pending ? first : last]];
                    hits.add(new PolicyHit(
                            tier.name(), PolicyHit.END_OF_TIER, trigger.namespace, trigger.name, -1, RuleAction.Deny));
                }
                return false;
            }
            i = j;
        }
        if (hits != null) {
            hits.add(new PolicyHit(
                    "", PolicyHit.PROFILE, null, "kns." + index.pods[pod].namespace(), 0, RuleAction.Allow));
        }
        return true;
    }

    private static PolicyHit hit(CompiledPolicy p, int rule, RuleAction action) {
        return new PolicyHit(p.tier.name(), p.kind.name(), p.namespace, p.name, rule, action);
    }

    /** Resolves pod names and addresses; a named pod that does not exist is an {@link UnknownPodException}. */
    FlowContext resolve(Flow flow) {
        IpAddress srcAddress = address(flow.source());
        IpAddress dstAddress = address(flow.destination());
        int srcPod = podOf(flow.source(), srcAddress);
        int dstPod = podOf(flow.destination(), dstAddress);
        IpAddress srcIp = srcAddress != null ? srcAddress : podAddress(srcPod, dstAddress);
        IpAddress dstIp = dstAddress != null ? dstAddress : podAddress(dstPod, srcAddress);
        return new FlowContext(
                index,
                srcIp,
                dstIp,
                srcPod,
                dstPod,
                index.netsetsContaining(srcIp),
                index.netsetsContaining(dstIp),
                flow.protocol().number(),
                flow.port() == null ? -1 : flow.port(),
                flow.sourcePort() == null ? -1 : flow.sourcePort(),
                flow.icmpType() == null ? -1 : flow.icmpType(),
                flow.icmpCode() == null ? -1 : flow.icmpCode());
    }

    private static @Nullable IpAddress address(FlowEndpoint e) {
        if (e instanceof FlowEndpoint.Address a) {
            IpAddress ip = IpAddress.parse(a.ip());
            if (ip == null) {
                throw new IllegalArgumentException("'" + a.ip() + "' is not an IP address");
            }
            return ip;
        }
        return null;
    }

    private int podOf(FlowEndpoint e, @Nullable IpAddress address) {
        if (e instanceof FlowEndpoint.PodRef p) {
            int id = index.podId(p.namespace(), p.name());
            if (id < 0) {
                throw new UnknownPodException(p.toString());
            }
            return id;
        }
        Integer id = index.podByIp.get(address);
        return id == null ? -1 : id;
    }

    /** A pod's address in the family of the other side's address when it has one, else its first address. */
    private @Nullable IpAddress podAddress(int pod, @Nullable IpAddress other) {
        IpAddress[] ips = index.podIps[pod];
        if (ips.length == 0) {
            return null;
        }
        if (other != null) {
            for (IpAddress ip : ips) {
                if (ip.v6() == other.v6()) {
                    return ip;
                }
            }
        }
        return ips[0];
    }

    /** The pod for an endpoint of a flow, or {@code null} for an address outside the cluster. */
    public @Nullable Pod pod(FlowEndpoint e) {
        try {
            int id = podOf(e, address(e));
            return id < 0 ? null : index.pods[id];
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /** Number of compiled policies (all kinds, staged included, staged deletions excluded). */
    public int policyCount() {
        return policies.length;
    }
}
