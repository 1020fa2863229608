package dev.tierdeck.engine.recommend;

import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.DirectionVerdict;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowBatch;
import dev.tierdeck.engine.eval.FlowEndpoint;
import dev.tierdeck.engine.eval.FlowVerdict;
import dev.tierdeck.engine.eval.PolicyHit;
import dev.tierdeck.engine.eval.Verdict;
import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.GlobalNetworkSet;
import dev.tierdeck.engine.model.IpAddress;
import dev.tierdeck.engine.model.NetworkSet;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.recommend.Recommendation.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The observed flows of a scope: duplicates merged, each evaluated against the cluster as it is, and cut into
 * connections, one per local workload, direction, peer, protocol and port. A connection whose flows are decided in
 * its local direction by a tier ranked before the developer tier is already decided there; one whose flows are denied
 * stays denied; the rest reach the developer tier and are what the suggestion allows (calico-semantics §2.1).
 */
final class ObservedTraffic {

    /** Examples kept per end and connection. */
    private static final int EXAMPLES = 3;

    /** One distinct flow touching the scope. */
    static final class Entry {
        final Flow flow;
        final @Nullable Pod source;
        final @Nullable Pod destination;
        long connections;

        @Nullable
        Instant first;

        @Nullable
        Instant last;

        /** Up to {@link #EXAMPLES} distinct names each; small lists, as most flows are reported under one name. */
        final List<String> sourceNames = new ArrayList<>(1);

        final List<String> destinationNames = new ArrayList<>(1);
        Observation.@Nullable Outside sourceOutside;
        Observation.@Nullable Outside destinationOutside;

        Verdict action = Verdict.Deny;
        private @Nullable FlowVerdict verdict;
        boolean leftOut;

        Entry(Flow flow, @Nullable Pod source, @Nullable Pod destination) {
            this.flow = flow;
            this.source = source;
            this.destination = destination;
        }

        boolean allowed() {
            return action == Verdict.Allow;
        }

        /** Both traces with their hits, worked out on first use (most flows need only the verdict). */
        FlowVerdict verdict(CompiledCluster cluster) {
            if (verdict == null) {
                verdict = cluster.evaluate(flow);
            }
            return verdict;
        }

        String sourceName() {
            return sourceNames.isEmpty() ? flow.source().toString() : sourceNames.getFirst();
        }

        String destinationName() {
            return destinationNames.isEmpty() ? flow.destination().toString() : destinationNames.getFirst();
        }

        private static void example(List<String> names, String name) {
            if (names.size() < EXAMPLES && !names.contains(name)) {
                names.add(name);
            }
        }

        void add(Observation o) {
            connections += o.connections();
            first = min(first, o.firstSeen());
            last = max(last, o.lastSeen());
            example(sourceNames, o.source().name());
            example(destinationNames, o.destination().name());
            if (sourceOutside == null) {
                sourceOutside = o.source().outside();
            }
            if (destinationOutside == null) {
                destinationOutside = o.destination().outside();
            }
        }
    }

    /** One observed connection kind, in one direction of one local workload. */
    static final class Conn {
        final String id;
        final boolean ingress;
        final Workloads.Workload local;
        final Peer peer;
        final @Nullable IpAddress address;
        final Protocol protocol;
        final @Nullable Integer port;
        long connections;

        @Nullable
        Instant first;

        @Nullable
        Instant last;

        final Set<String> examples = new LinkedHashSet<>();
        Status status = Status.DENIED;

        @Nullable
        PolicyHit decidedBy;

        final List<Entry> flows = new ArrayList<>();
        List<Recommendation.Unusual> unusual = List.of();

        Conn(
                String id,
                boolean ingress,
                Workloads.Workload local,
                Peer peer,
                @Nullable IpAddress address,
                Protocol protocol,
                @Nullable Integer port) {
            this.id = id;
            this.ingress = ingress;
            this.local = local;
            this.peer = peer;
            this.address = address;
            this.protocol = protocol;
            this.port = port;
        }

        boolean allows() {
            return status == Status.ALLOWED;
        }

        Recommendation.Connection view() {
            return new Recommendation.Connection(
                    id,
                    ingress ? "ingress" : "egress",
                    local.key(),
                    peerName(),
                    protocol.name(),
                    port,
                    connections,
                    first,
                    last,
                    List.copyOf(examples),
                    status,
                    decidedBy,
                    unusual);
        }

        /** The peer as a person reads it: a workload, a set, an address or a network. */
        String peerName() {
            return switch (peer) {
                case Peer.WorkloadPeer w -> w.workload().key();
                case Peer.SetPeer s -> s.text();
                case Peer.OutsidePeer o -> o.isPublic() ? "public network" : "private network";
                default -> address != null ? address.toString() : peer.text();
            };
        }
    }

    final int observations;
    final int unknownPods;
    final List<Entry> flows;
    final List<Conn> connections;
    /** The distinct flows resolved against the cluster, in {@link #flows} order, with their verdicts today. */
    final FlowBatch batch;

    private final CompiledCluster cluster;

    private final ClusterState state;
    private final Workloads workloads;
    private final Map<IpAddress, Peer.@Nullable SetPeer> setsByAddress = new HashMap<>();

    ObservedTraffic(
            CompiledCluster cluster,
            List<Observation> observations,
            Settings settings,
            Workloads workloads,
            Set<Pod> scope,
            TierRanks tiers) {
        this.state = cluster.state();
        this.workloads = workloads;
        this.observations = observations.size();
        Map<Flow, Entry> distinct = new LinkedHashMap<>();
        int unknown = 0;
        for (Observation o : observations) {
            Flow f = o.flow();
            // Only the id may differ: a policy in force may match on the source port.
            Flow key = new Flow(
                    "",
                    f.source(),
                    f.destination(),
                    f.protocol(),
                    f.port(),
                    f.sourcePort(),
                    f.icmpType(),
                    f.icmpCode());
            Entry e = distinct.get(key);
            if (e == null) {
                if (!resolvable(cluster, f.source()) || !resolvable(cluster, f.destination())) {
                    unknown++;
                    continue;
                }
                Pod src = cluster.pod(f.source());
                Pod dst = cluster.pod(f.destination());
                if (!scope.contains(src) && !scope.contains(dst)) {
                    continue;
                }
                e = new Entry(f, src, dst);
                distinct.put(key, e);
            }
            e.add(o);
        }
        this.unknownPods = unknown;
        this.flows = List.copyOf(distinct.values());
        this.cluster = cluster;
        this.batch = FlowBatch.of(cluster, flows.stream().map(e -> e.flow).toList());
        Verdict[] verdicts = cluster.actions(batch);
        for (int i = 0; i < verdicts.length; i++) {
            flows.get(i).action = verdicts[i];
        }
        int devRank = tiers.rank(settings.tier());
        Map<String, Conn> byId = new LinkedHashMap<>();
        for (Entry e : flows) {
            if (settings.directions().egress() && scope.contains(e.source)) {
                add(byId, e, false, devRank, tiers, settings);
            }
            if (settings.directions().ingress() && scope.contains(e.destination)) {
                add(byId, e, true, devRank, tiers, settings);
            }
        }
        for (Conn c : byId.values()) {
            if (c.status == Status.DENIED) {
                // Only for showing where it is denied: one flow stands for the connection.
                Entry e = c.flows.getFirst();
                FlowVerdict v = e.verdict(cluster);
                DirectionVerdict mine =
                        c.ingress ? v.enforced().ingress() : v.enforced().egress();
                DirectionVerdict theirs =
                        c.ingress ? v.enforced().egress() : v.enforced().ingress();
                c.decidedBy = mine.action() == Verdict.Deny || theirs == null ? last(mine) : last(theirs);
            }
        }
        this.connections = List.copyOf(byId.values());
    }

    /** A pod the cluster has, or a valid address: what the engine can replay. */
    private static boolean resolvable(CompiledCluster cluster, FlowEndpoint e) {
        return switch (e) {
            case FlowEndpoint.PodRef p -> cluster.hasPod(p.namespace(), p.name());
            case FlowEndpoint.Address a -> IpAddress.parse(a.ip()) != null;
        };
    }

    private void add(Map<String, Conn> byId, Entry e, boolean ingress, int devRank, TierRanks tiers, Settings s) {
        Pod localPod = ingress ? e.destination : e.source;
        Workloads.Workload local = workloads.of(localPod);
        Pod peerPod = ingress ? e.source : e.destination;
        FlowEndpoint peerEnd = ingress ? e.flow.source() : e.flow.destination();
        Observation.Outside outside = ingress ? e.sourceOutside : e.destinationOutside;
        IpAddress address = null;
        Peer peer;
        if (peerPod != null) {
            peer = new Peer.WorkloadPeer(workloads.of(peerPod));
        } else {
            address = peerEnd instanceof FlowEndpoint.Address a ? IpAddress.parse(a.ip()) : null;
            peer = outsidePeer(outside, address);
            if (!(peer instanceof Peer.NetsPeer)) {
                address = null;
            }
        }
        Protocol protocol = e.flow.protocol();
        Integer port = protocol.supportsPorts() ? e.flow.port() : null;
        String id = (ingress ? "ingress:" : "egress:") + local.key() + (ingress ? "<-" : "->") + peer.key() + ":"
                + protocol.name() + (port == null ? "" : "/" + port);
        IpAddress at = address;
        Conn conn = byId.computeIfAbsent(id, k -> new Conn(k, ingress, local, peer, at, protocol, port));
        conn.connections += e.connections;
        conn.first = min(conn.first, e.first);
        conn.last = max(conn.last, e.last);
        for (String name : ingress ? e.sourceNames : e.destinationNames) {
            if (conn.examples.size() < EXAMPLES) {
                conn.examples.add(name);
            }
        }
        conn.flows.add(e);
        if (e.action == Verdict.Allow) {
            DirectionVerdict mine = ingress
                    ? e.verdict(cluster).enforced().ingress()
                    : e.verdict(cluster).enforced().egress();
            PolicyHit hit = last(mine);
            boolean upstream = !hit.tier().isEmpty() && tiers.rank(hit.tier()) < devRank;
            Status status =
                    upstream ? Status.ALREADY_DECIDED : s.leaveOut().contains(id) ? Status.LEFT_OUT : Status.ALLOWED;
            if (conn.decidedBy == null || rank(status) > rank(conn.status)) {
                conn.status = status;
                conn.decidedBy = hit;
            }
            if (status == Status.LEFT_OUT) {
                e.leftOut = true;
            }
        }
    }

    /** Allowing wins over already decided, which wins over denied: a rule is needed as soon as one flow needs it. */
    private static int rank(Status s) {
        return switch (s) {
            case ALLOWED, LEFT_OUT -> 2;
            case ALREADY_DECIDED -> 1;
            case DENIED -> 0;
        };
    }

    private static PolicyHit last(DirectionVerdict d) {
        return d.hits().getLast();
    }

    /**
     * An outside end: the network set the flow log named, the network it reported, or, for a real address, the most
     * specific network set holding it (catch-all sets such as 0.0.0.0/0 aside), else the address itself.
     */
    private Peer outsidePeer(Observation.@Nullable Outside outside, @Nullable IpAddress address) {
        if (outside instanceof Observation.Outside.NetworkSet named) {
            Peer.SetPeer set = namedSet(named, address);
            if (set != null) {
                return set;
            }
        } else if (outside instanceof Observation.Outside.Network network) {
            return new Peer.OutsidePeer(network.isPublic());
        }
        if (address == null) {
            return new Peer.OutsidePeer(true);
        }
        Peer.SetPeer set = setsByAddress.computeIfAbsent(address, this::containingSet);
        if (set != null) {
            return set;
        }
        return new Peer.NetsPeer(List.of(new Cidr(address, address.v6() ? 128 : 32)));
    }

    private Peer.@Nullable SetPeer namedSet(Observation.Outside.NetworkSet named, @Nullable IpAddress address) {
        for (NetworkSet s : state.networkSets()) {
            if (s.namespace().equals(named.namespace()) && s.name().equals(named.name())) {
                return new Peer.SetPeer(s.namespace(), s.name(), s.labels(), family(s.nets(), address));
            }
        }
        for (GlobalNetworkSet s : state.globalNetworkSets()) {
            if (named.namespace() == null && s.name().equals(named.name())) {
                return new Peer.SetPeer(null, s.name(), s.labels(), family(s.nets(), address));
            }
        }
        return null;
    }

    private Peer.@Nullable SetPeer containingSet(IpAddress address) {
        Peer.SetPeer best = null;
        int bestPrefix = 0;
        for (NetworkSet s : state.networkSets()) {
            int p = longestMatch(s.nets(), address);
            if (p > bestPrefix) {
                bestPrefix = p;
                best = new Peer.SetPeer(s.namespace(), s.name(), s.labels(), family(s.nets(), address));
            }
        }
        for (GlobalNetworkSet s : state.globalNetworkSets()) {
            int p = longestMatch(s.nets(), address);
            if (p > bestPrefix) {
                bestPrefix = p;
                best = new Peer.SetPeer(null, s.name(), s.labels(), family(s.nets(), address));
            }
        }
        return best;
    }

    /** The longest prefix of a CIDR of {@code nets} holding the address; 0 when none (or only a catch-all) does. */
    private static int longestMatch(List<String> nets, IpAddress address) {
        int best = 0;
        for (String n : nets) {
            Cidr c = Cidr.parse(n);
            if (c != null && c.contains(address)) {
                best = Math.max(best, c.prefix());
            }
        }
        return best;
    }

    /** The set's CIDRs of the address's family (one rule never mixes families), all of them without an address. */
    private static List<String> family(List<String> nets, @Nullable IpAddress address) {
        List<String> out = new ArrayList<>();
        for (String n : nets) {
            Cidr c = Cidr.parse(n);
            if (c != null && (address == null || c.v6() == address.v6())) {
                out.add(c.toString());
            }
        }
        return out;
    }

    static @Nullable Instant min(@Nullable Instant a, @Nullable Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    static @Nullable Instant max(@Nullable Instant a, @Nullable Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
