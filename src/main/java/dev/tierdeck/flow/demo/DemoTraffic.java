package dev.tierdeck.flow.demo;

import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowVerdict;
import dev.tierdeck.engine.eval.Verdict;
import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.ContainerPort;
import dev.tierdeck.engine.model.GlobalNetworkSet;
import dev.tierdeck.engine.model.IpAddress;
import dev.tierdeck.engine.model.NetworkSet;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.flow.AggregatedNames;
import dev.tierdeck.flow.EndpointType;
import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowCounts;
import dev.tierdeck.flow.FlowEndpoint;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.Reporter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Realistic traffic for the demo cluster: the calls of its shop (ingress to the frontends, frontends to their
 * APIs, APIs to the databases), DNS to CoreDNS from every workload, Prometheus scraping every {@code metrics}
 * port, egress to card processors and the internet, and a trickle of attempts that policy should deny. Calls
 * whose workloads are missing from the current cluster are left out. Each connection kind is evaluated once by the
 * engine on the current cluster, then reported per time slot by the source (egress trace) and, when the packet
 * gets there, by the destination (ingress trace), as Goldmane would (calico-semantics §4.3, §4.4).
 */
final class DemoTraffic {

    /** A call: workload {@code namespace/name} to a workload or an external address, with connections per minute. */
    record Call(String from, String to, @Nullable Integer port, double perMinute) {}

    static final List<Call> CALLS = List.of(
            new Call("ingress-nginx/ingress-nginx-controller", "checkout/checkout-frontend", null, 120),
            new Call("ingress-nginx/ingress-nginx-controller", "catalog/catalog-api", null, 200),
            new Call("checkout/checkout-frontend", "checkout/cart", null, 90),
            new Call("checkout/checkout-frontend", "payments/payments-api", null, 40),
            new Call("checkout/checkout-frontend", "catalog/catalog-api", null, 60),
            new Call("checkout/checkout-worker", "payments/payments-api", null, 8),
            new Call("payments/payments-api", "payments/fraud-check", null, 40),
            new Call("payments/payments-api", "db/postgres", null, 60),
            new Call("payments/payments-worker", "db/postgres", null, 20),
            new Call("checkout/cart", "db/redis", null, 150),
            new Call("catalog/catalog-api", "catalog/search", null, 100),
            new Call("catalog/catalog-api", "catalog/recommendations", null, 50),
            new Call("catalog/catalog-api", "db/postgres", null, 80),
            new Call("catalog/recommendations", "db/redis", null, 40),
            new Call("monitoring/grafana", "monitoring/prometheus", null, 12),
            new Call("monitoring/prometheus", "monitoring/alertmanager", null, 4),
            // attempts that the demo's policies deny
            new Call("sandbox/debug-shell", "payments/payments-api", null, 0.5),
            new Call("sandbox/debug-shell", "db/postgres", null, 0.3),
            // nothing protects the cart's ingress yet: this one still gets through
            new Call("sandbox/debug-shell", "checkout/cart", null, 0.3),
            new Call("catalog/image-resizer", "db/postgres", null, 0.2),
            new Call("catalog/image-resizer", "169.254.169.254", 80, 0.2),
            // outside the cluster
            new Call("payments/payments-api", "203.0.113.25", 443, 20),
            new Call("payments/payments-worker", "10.10.4.20", 443, 3),
            new Call("catalog/image-resizer", "151.101.65.140", 443, 15),
            new Call("monitoring/alertmanager", "34.117.59.81", 443, 0.5),
            new Call("198.51.100.23", "ingress-nginx/ingress-nginx-controller", 443, 60));

    /** One kind of connection, evaluated. */
    record Connection(
            FlowEndpoint source,
            FlowEndpoint destination,
            String protocol,
            int port,
            double perMinute,
            boolean sourceIsPod,
            boolean destinationIsPod,
            FlowVerdict verdict) {}

    private final List<Connection> connections;
    private final EngineTraces traces;

    private DemoTraffic(List<Connection> connections, EngineTraces traces) {
        this.connections = List.copyOf(connections);
        this.traces = traces;
    }

    List<Connection> connections() {
        return connections;
    }

    /** Rows a minute of this traffic stores at most: one per connection kind and reporting side. */
    long rowsPerMinute() {
        return 2L * connections.size();
    }

    static DemoTraffic of(ClusterState cluster) {
        return of(Engine.compile(cluster), Integer.MAX_VALUE);
    }

    /**
     * The traffic of the compiled cluster, with at most {@code maxConnections} kinds of connection: the shop's calls
     * first, then DNS and scrapes per workload in the cluster's order, as many as fit. Each kind takes up to two
     * stored rows per minute (one per reporting side), so this bounds what the feed writes on a large cluster.
     */
    static DemoTraffic of(CompiledCluster compiled, int maxConnections) {
        ClusterState cluster = compiled.state();
        Map<String, List<Pod>> workloads = new LinkedHashMap<>();
        for (Pod p : cluster.pods()) {
            workloads.computeIfAbsent(p.workload(), k -> new ArrayList<>()).add(p);
        }
        EndpointNames names = new EndpointNames(cluster);
        List<Connection> out = new ArrayList<>();
        for (Call c : calls(workloads)) {
            if (out.size() >= maxConnections) {
                break;
            }
            List<Pod> from = workloads.get(c.from());
            List<Pod> to = workloads.get(c.to());
            Protocol protocol = Protocol.TCP;
            Integer port = c.port();
            if (to != null && port == null) {
                ContainerPort served = served(to.getFirst(), c.to());
                if (served == null) {
                    continue;
                }
                port = served.port();
                protocol = served.protocol();
            }
            if ((from == null && !isAddress(c.from())) || (to == null && !isAddress(c.to())) || port == null) {
                continue;
            }
            var src = from == null
                    ? new dev.tierdeck.engine.eval.FlowEndpoint.Address(c.from())
                    : new dev.tierdeck.engine.eval.FlowEndpoint.PodRef(
                            from.getFirst().namespace(), from.getFirst().name());
            var dst = to == null
                    ? new dev.tierdeck.engine.eval.FlowEndpoint.Address(c.to())
                    : new dev.tierdeck.engine.eval.FlowEndpoint.PodRef(
                            to.getFirst().namespace(), to.getFirst().name());
            FlowVerdict verdict = compiled.evaluate(Flow.of(c.from() + "->" + c.to(), src, dst, protocol, port));
            out.add(new Connection(
                    from == null ? names.external(c.from()) : names.workload(from),
                    to == null ? names.external(c.to()) : names.workload(to),
                    protocol.name(),
                    port,
                    c.perMinute(),
                    from != null,
                    to != null,
                    verdict));
        }
        return new DemoTraffic(out, new EngineTraces(cluster));
    }

    /** The fixed calls plus DNS from every workload and Prometheus scrapes of every metrics port. */
    private static List<Call> calls(Map<String, List<Pod>> workloads) {
        List<Call> calls = new ArrayList<>(CALLS);
        String dns = workloads.containsKey("kube-system/coredns") ? "kube-system/coredns" : null;
        String prometheus = workloads.containsKey("monitoring/prometheus") ? "monitoring/prometheus" : null;
        for (var w : workloads.entrySet()) {
            if (dns != null && !w.getKey().equals(dns)) {
                calls.add(new Call(w.getKey(), dns, null, 6.0 * w.getValue().size()));
            }
            if (prometheus != null) {
                for (ContainerPort p : w.getValue().getFirst().ports()) {
                    if ("metrics".equals(p.name())) {
                        // one scrape per pod every 30 s
                        calls.add(new Call(
                                prometheus,
                                w.getKey(),
                                p.port(),
                                2.0 * w.getValue().size()));
                    }
                }
            }
        }
        return calls;
    }

    /** The port a workload serves callers on: DNS on UDP 53, otherwise its first port that is not for metrics. */
    private static @Nullable ContainerPort served(Pod pod, String workload) {
        for (ContainerPort p : pod.ports()) {
            if (workload.equals("kube-system/coredns")
                    ? p.port() == 53 && p.protocol().equals(Protocol.UDP)
                    : !"metrics".equals(p.name())) {
                return p;
            }
        }
        return null;
    }

    private static boolean isAddress(String s) {
        return IpAddress.parse(s) != null;
    }

    /**
     * The flows of one time slot: per connection kind a number of connections drawn around its rate (busier at
     * midday than at night), reported once per side. Deterministic for a slot, so a backfill can be repeated.
     */
    List<FlowRecord> slot(Instant start, Duration width) {
        SplittableRandom random = new SplittableRandom(start.getEpochSecond());
        double hour = start.atOffset(ZoneOffset.UTC).getHour()
                + start.atOffset(ZoneOffset.UTC).getMinute() / 60.0;
        double daytime = 0.55 + 0.45 * Math.sin(2 * Math.PI * (hour - 6) / 24);
        Instant end = start.plus(width);
        List<FlowRecord> out = new ArrayList<>();
        for (Connection c : connections) {
            double expected = c.perMinute() * width.toSeconds() / 60.0 * daytime;
            long n = (long) Math.floor(expected * (0.7 + 0.6 * random.nextDouble()) + random.nextDouble());
            if (n == 0) {
                continue;
            }
            FlowVerdict v = c.verdict();
            boolean egressAllowed =
                    v.enforced().egress() == null || v.enforced().egress().action() == Verdict.Allow;
            if (c.sourceIsPod()) {
                FlowAction action = EngineTraces.action(v.enforced().egress().action());
                out.add(record(c, start, end, Reporter.Src, action, true, n, random));
            }
            if (c.destinationIsPod() && egressAllowed) {
                FlowAction action = EngineTraces.action(v.enforced().ingress().action());
                out.add(record(c, start, end, Reporter.Dst, action, false, n, random));
            }
        }
        return out;
    }

    private FlowRecord record(
            Connection c,
            Instant start,
            Instant end,
            Reporter reporter,
            FlowAction action,
            boolean egress,
            long n,
            SplittableRandom random) {
        FlowVerdict v = c.verdict();
        boolean allowed = action == FlowAction.Allow;
        long packetsOut = allowed ? n * (6 + random.nextInt(30)) : n * 3;
        long packetsIn = allowed ? n * (4 + random.nextInt(40)) : 0;
        return new FlowRecord(
                start,
                end,
                c.source(),
                c.destination(),
                c.protocol(),
                c.port(),
                reporter,
                action,
                traces.hits(egress ? v.enforced().egress() : v.enforced().ingress()),
                traces.hits(egress ? v.pending().egress() : v.pending().ingress()),
                new FlowCounts(
                        packetsIn,
                        packetsOut,
                        packetsIn * (200 + random.nextInt(1200)),
                        packetsOut * (80 + random.nextInt(400)),
                        n,
                        allowed ? n : 0,
                        allowed && random.nextInt(4) == 0 ? 1 : 0));
    }

    /** Goldmane's names for the endpoints of the demo cluster. */
    static final class EndpointNames {
        private final ClusterState cluster;
        private final Map<String, FlowEndpoint> externals = new HashMap<>();

        EndpointNames(ClusterState cluster) {
            this.cluster = cluster;
        }

        /** Pods aggregated by GenerateName, labelled with the labels they all share (calico-semantics §4.4). */
        FlowEndpoint workload(List<Pod> pods) {
            Pod first = pods.getFirst();
            Map<String, String> shared = new HashMap<>(first.labels());
            for (Pod p : pods) {
                shared.entrySet().removeIf(e -> !e.getValue().equals(p.labels().get(e.getKey())));
            }
            return FlowEndpoint.workload(first.namespace(), AggregatedNames.ofPodName(first.name()), shared);
        }

        /** The most specific network set holding the address, else the public or private network. */
        FlowEndpoint external(String ip) {
            return externals.computeIfAbsent(ip, this::lookup);
        }

        private FlowEndpoint lookup(String ip) {
            IpAddress a = IpAddress.parse(ip);
            FlowEndpoint best = null;
            int bestPrefix = -1;
            for (NetworkSet s : cluster.networkSets()) {
                int p = longestMatch(s.nets(), a);
                if (p > bestPrefix) {
                    bestPrefix = p;
                    best = new FlowEndpoint(s.name(), s.namespace(), EndpointType.NetworkSet, s.labels());
                }
            }
            for (GlobalNetworkSet s : cluster.globalNetworkSets()) {
                int p = longestMatch(s.nets(), a);
                if (p > bestPrefix) {
                    bestPrefix = p;
                    best = new FlowEndpoint(s.name(), null, EndpointType.NetworkSet, s.labels());
                }
            }
            if (best != null) {
                return best;
            }
            return isPrivate(ip) ? FlowEndpoint.privateNetwork() : FlowEndpoint.publicNetwork();
        }

        private static int longestMatch(List<String> nets, @Nullable IpAddress a) {
            int best = -1;
            for (String n : nets) {
                Cidr c = Cidr.parse(n);
                if (a != null && c != null && c.contains(a)) {
                    best = Math.max(best, c.prefix());
                }
            }
            return best;
        }

        private static boolean isPrivate(String ip) {
            return ip.startsWith("10.")
                    || ip.startsWith("192.168.")
                    || ip.startsWith("169.254.")
                    || ip.matches("172\\.(1[6-9]|2[0-9]|3[01])\\..*");
        }
    }
}
