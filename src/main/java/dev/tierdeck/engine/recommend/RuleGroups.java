package dev.tierdeck.engine.recommend;

import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.EntityRule;
import dev.tierdeck.engine.model.IpAddress;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.engine.recommend.Recommendation.RuleEvidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The rules of one direction of one local workload at one level: each kept connection's peer generalised as the
 * level says, then connections with the same peer and protocol put together (at {@link Level#STRICT}, the same port
 * too). Generalising never swallows a connection the user left out: a namespace is only taken whole, and a CIDR only
 * widened, when no left-out peer lies inside.
 */
final class RuleGroups {

    /** One rule to be. */
    static final class Group {
        Peer peer;
        final Protocol protocol;
        final TreeSet<Integer> ports = new TreeSet<>();
        boolean anyPort;
        final List<ObservedTraffic.Conn> connections = new ArrayList<>();

        Group(Peer peer, Protocol protocol) {
            this.peer = peer;
            this.protocol = protocol;
        }

        void add(ObservedTraffic.Conn c) {
            connections.add(c);
            if (c.port == null) {
                anyPort = true;
            } else {
                ports.add(c.port);
            }
        }

        /** The destination ports, by name where every destination pod declares one (calico-semantics §2.7). */
        List<Port> ports(boolean ingress) {
            if (!protocol.supportsPorts() || anyPort) {
                return List.of();
            }
            List<Pod> destinations = null;
            if (ingress) {
                Set<Pod> locals = new LinkedHashSet<>();
                connections.forEach(c -> locals.addAll(c.local.pods()));
                destinations = List.copyOf(locals);
            } else if (peer instanceof Peer.WorkloadPeer w) {
                destinations = w.workload().pods();
            }
            List<Port> out = new ArrayList<>();
            for (int port : ports) {
                String name = destinations == null ? null : Workloads.namedPort(destinations, protocol, port);
                out.add(name == null ? Port.Range.of(port) : new Port.Named(name));
            }
            return out;
        }

        Rule rule(String policyNamespace, boolean ingress, Workloads.@Nullable Workload local) {
            List<Port> ports = ports(ingress);
            EntityRule localSide = local == null
                    ? Peer.entity(List.of(), List.of(), null, null, ingress ? ports : List.of())
                    : Peer.entity(List.of(), List.of(), local.selector(), null, ingress ? ports : List.of());
            EntityRule peerSide = peer.entity(policyNamespace, ingress ? List.of() : ports);
            return new Rule(
                    RuleAction.Allow,
                    null,
                    protocol,
                    null,
                    null,
                    null,
                    ingress ? peerSide : localSide,
                    ingress ? localSide : peerSide,
                    null);
        }

        RuleEvidence evidence(boolean ingress) {
            long n = 0;
            Instant first = null;
            Instant last = null;
            Set<String> examples = new LinkedHashSet<>();
            Set<String> workloads = new TreeSet<>();
            List<String> ids = new ArrayList<>();
            for (ObservedTraffic.Conn c : connections) {
                n += c.connections;
                first = ObservedTraffic.min(first, c.first);
                last = ObservedTraffic.max(last, c.last);
                for (String e : c.examples) {
                    if (examples.size() < 3) {
                        examples.add(e);
                    }
                }
                workloads.add(c.local.key());
                ids.add(c.id);
            }
            return new RuleEvidence(
                    List.copyOf(workloads),
                    peer.text(),
                    portsText(ingress),
                    n,
                    first,
                    last,
                    List.copyOf(examples),
                    ids);
        }

        String portsText(boolean ingress) {
            List<Port> ports = ports(ingress);
            if (ports.isEmpty()) {
                return protocol.supportsPorts() ? protocol.name() + " any port" : protocol.name();
            }
            List<String> words = new ArrayList<>();
            int i = 0;
            for (int number : this.ports) {
                Port p = ports.get(i++);
                words.add(p instanceof Port.Named n ? n.name() + " (" + number + ")" : Integer.toString(number));
            }
            return protocol.name() + " " + String.join(", ", words);
        }
    }

    private final List<Group> groups;

    RuleGroups(
            Settings settings,
            Level level,
            Workloads workloads,
            List<ObservedTraffic.Conn> kept,
            List<ObservedTraffic.Conn> leftOut) {
        Map<ObservedTraffic.Conn, Peer> peers = generalised(settings, level, workloads, kept, leftOut);
        Map<String, Group> byKey = new LinkedHashMap<>();
        for (ObservedTraffic.Conn c : kept) {
            Peer p = peers.get(c);
            String key = p.key() + "|" + c.protocol.name() + (level == Level.STRICT ? "|" + c.port : "");
            byKey.computeIfAbsent(key, k -> new Group(p, c.protocol)).add(c);
        }
        List<Group> out = new ArrayList<>(byKey.values());
        if (level != Level.STRICT) {
            out = mergeNets(out);
        }
        out.sort(Comparator.comparing((Group g) -> g.peer.text())
                .thenComparing(g -> g.protocol.number())
                .thenComparing(g -> g.ports.toString()));
        this.groups = List.copyOf(out);
    }

    List<Group> groups() {
        return groups;
    }

    private static Map<ObservedTraffic.Conn, Peer> generalised(
            Settings settings,
            Level level,
            Workloads workloads,
            List<ObservedTraffic.Conn> kept,
            List<ObservedTraffic.Conn> leftOut) {
        Set<String> leftOutNamespaces = new HashSet<>();
        List<IpAddress> forbidden = new ArrayList<>();
        for (ObservedTraffic.Conn c : leftOut) {
            if (c.peer.namespace() != null) {
                leftOutNamespaces.add(c.peer.namespace());
            }
            if (c.address != null) {
                forbidden.add(c.address);
            }
        }
        Map<String, Set<String>> seen = new HashMap<>();
        List<IpAddress> v4 = new ArrayList<>();
        List<IpAddress> v6 = new ArrayList<>();
        for (ObservedTraffic.Conn c : kept) {
            if (c.peer instanceof Peer.WorkloadPeer w) {
                seen.computeIfAbsent(w.namespace(), k -> new HashSet<>()).add(w.key());
            }
            if (c.address != null) {
                (c.address.v6() ? v6 : v4).add(c.address);
            }
        }
        List<Cidr> cidrs = new ArrayList<>();
        cidrs.addAll(Cidrs.cover(v4, forbidden, settings.prefix(level, false)));
        cidrs.addAll(Cidrs.cover(v6, forbidden, settings.prefix(level, true)));
        Map<ObservedTraffic.Conn, Peer> out = new HashMap<>();
        for (ObservedTraffic.Conn c : kept) {
            Peer p = c.peer;
            if (p instanceof Peer.WorkloadPeer w && !leftOutNamespaces.contains(w.namespace())) {
                String ns = w.namespace();
                boolean whole = switch (level) {
                    case STRICT -> false;
                    case WORKLOAD -> workloads.countIn(ns) >= 2 && seen.get(ns).size() == workloads.countIn(ns);
                    case NAMESPACE -> true;
                };
                if (whole) {
                    p = new Peer.NamespacePeer(ns);
                }
            } else if (c.address != null) {
                IpAddress a = c.address;
                Cidr cidr =
                        cidrs.stream().filter(x -> x.contains(a)).findFirst().orElseThrow();
                p = new Peer.NetsPeer(List.of(cidr));
            }
            out.put(c, p);
        }
        return out;
    }

    /** CIDR rules with the same protocol and ports become one rule listing the CIDRs (never mixing families). */
    private static List<Group> mergeNets(List<Group> groups) {
        Map<String, Group> merged = new LinkedHashMap<>();
        List<Group> out = new ArrayList<>();
        for (Group g : groups) {
            if (!(g.peer instanceof Peer.NetsPeer nets)) {
                out.add(g);
                continue;
            }
            String key = g.protocol.number() + "|" + g.anyPort + "|" + g.ports + "|"
                    + nets.cidrs().getFirst().v6();
            Group into = merged.get(key);
            if (into == null) {
                merged.put(key, g);
                out.add(g);
                continue;
            }
            List<Cidr> all = new ArrayList<>(((Peer.NetsPeer) into.peer).cidrs());
            all.addAll(nets.cidrs());
            all.sort(Comparator.comparing(Cidr::address, Cidrs.ORDER).thenComparingInt(Cidr::prefix));
            into.peer = new Peer.NetsPeer(all.stream().distinct().toList());
            g.connections.forEach(into::add);
        }
        return out;
    }
}
