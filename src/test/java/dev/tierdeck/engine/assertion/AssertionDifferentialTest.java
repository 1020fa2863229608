package dev.tierdeck.engine.assertion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.EndpointSet;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowEndpoint;
import dev.tierdeck.engine.eval.FlowSpace;
import dev.tierdeck.engine.eval.SpaceCheck;
import dev.tierdeck.engine.eval.Verdict;
import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.ContainerPort;
import dev.tierdeck.engine.model.IpAddress;
import dev.tierdeck.engine.model.Namespace;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.ServiceAccount;
import dev.tierdeck.engine.model.ServiceAccountMatch;
import dev.tierdeck.engine.reference.ReferenceEvaluator;
import dev.tierdeck.engine.reference.ReferenceFlow;
import dev.tierdeck.engine.selector.Labels;
import dev.tierdeck.engine.selector.Selector;
import dev.tierdeck.engine.selector.Selectors;
import dev.tierdeck.engine.synthetic.EdgeCaseScenarios;
import dev.tierdeck.engine.synthetic.Scenario;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The exact check of a flow space against brute force: on small generated clusters (every corner case of the
 * engine's differential tests, port numbers mapped onto a small universe so that every port can be tried), random
 * assertions are checked both ways: by the classes the checker derives, and by evaluating every covered pair with
 * every destination port and every source port. They must agree on whether the assertion holds, is violated or
 * covers nothing; a counterexample must be covered and get the other verdict from the engine and the reference
 * evaluator alike.
 */
class AssertionDifferentialTest {

    private static final int SCENARIOS = 160;
    private static final int ASSERTIONS_PER_SCENARIO = 4;

    private static final String[] SELECTORS = {
        "app == 'web'", "app == 'db'", "app in {'api', 'web'}", "has(tier)", "tier == 'front'", "!has(team)", "all()"
    };
    private static final String[] NAMESPACE_SELECTORS = {
        "team == 'a'", "env == 'prod'", "projectcalico.org/name == 'alpha'", "all()", "!has(env)"
    };
    /**
     * Small address sets, several straddling a boundary of the CIDRs the generated rules and network sets use
     * (10.0.0.0/8, 10.0.1.0/24, 10.0.2.1/32, 203.0.113.0/24, 198.51.100.0/24 and /25, 192.0.2.7/32, 2001:db8::/32,
     * pods' /32 and /24).
     */
    private static final List<List<String>> NETS = List.of(
            List.of("10.0.1.0/30"),
            List.of("10.0.2.0/29"),
            List.of("10.0.0.254/31", "10.0.1.0/31"),
            List.of("fd00::1:0/126"),
            List.of("203.0.112.254/31", "203.0.113.0/31"),
            List.of("198.51.100.126/31", "198.51.100.128/31"),
            List.of("192.0.2.4/30"),
            List.of("2001:db7:ffff:ffff:ffff:ffff:ffff:fffe/127", "2001:db8::/127"),
            List.of("10.0.1.0/29", "10.0.2.0/30"),
            List.of("9.255.255.254/31", "10.0.0.0/31"),
            List.of("198.51.99.254/31", "198.51.100.0/31"));

    /** One covered endpoint of the brute force: the flow endpoint and the pod behind it (null outside). */
    private record Endpoint(FlowEndpoint endpoint, @Nullable Pod pod) {}

    private enum Outcome {
        HOLDS,
        VIOLATED,
        EMPTY
    }

    @Test
    void theExactCheckAgreesWithBruteForceOverEveryPairAndPort() {
        int holds = 0;
        int violated = 0;
        int empty = 0;
        long bruteFlows = 0;
        for (long seed = 1; seed <= SCENARIOS; seed++) {
            Scenario generated = EdgeCaseScenarios.generate(seed, 40);
            SmallPorts small = SmallPorts.of(generated.objects());
            ClusterState state = ClusterState.of(small.apply(generated.objects()));
            CompiledCluster cluster = Engine.compile(state);
            ReferenceEvaluator reference = new ReferenceEvaluator(state);
            Random random = new Random(seed);
            for (int a = 0; a < ASSERTIONS_PER_SCENARIO; a++) {
                FlowSpace space = space(random, small.universe);
                String where = "seed " + seed + " assertion " + a + ": " + space;
                Brute brute = new Brute(state, cluster, space, small.universe);
                // Expecting what most connections get makes the rare ones that differ the ones to find.
                Verdict majority = brute.majority(random);
                Verdict expected = majority == null
                        ? (random.nextBoolean() ? Verdict.Allow : Verdict.Deny)
                        : random.nextInt(8) == 0 ? opposite(majority) : majority;
                Outcome bruteOutcome = brute.outcome(expected);
                bruteFlows += brute.evaluated;
                SpaceCheck check = space.check(cluster, expected);
                Outcome checked = check.nothingCovered() != null
                        ? Outcome.EMPTY
                        : check.example() != null ? Outcome.VIOLATED : Outcome.HOLDS;
                assertThat(checked).as(where).isEqualTo(bruteOutcome);
                switch (checked) {
                    case HOLDS -> holds++;
                    case EMPTY -> empty++;
                    case VIOLATED -> {
                        violated++;
                        Flow example = check.example();
                        assertThat(brute.covers(example))
                                .as(where + " example " + example)
                                .isTrue();
                        assertThat(space.coverage(cluster).test(example))
                                .as(where)
                                .isTrue();
                        assertThat(cluster.action(example)).as(where).isEqualTo(opposite(expected));
                        assertThat(check.verdict().action()).as(where).isEqualTo(opposite(expected));
                        String referenceAction = reference
                                .evaluate(reference(example))
                                .enforced()
                                .action();
                        assertThat(referenceAction)
                                .as(where)
                                .isEqualTo(opposite(expected).name());
                    }
                }
                // The single-flow test agrees with the brute force's notion of what is covered.
                Predicate<Flow> coverage = space.coverage(cluster);
                for (ReferenceFlow f : generated.flows()) {
                    Flow flow = flow(f, small);
                    assertThat(coverage.test(flow)).as(where + " " + flow).isEqualTo(brute.covers(flow));
                }
            }
        }
        assertThat(holds).isGreaterThan(SCENARIOS / 4);
        assertThat(violated).isGreaterThan(SCENARIOS / 4);
        assertThat(empty).isGreaterThan(0);
        assertThat(bruteFlows).isGreaterThan(200_000);
    }

    private static Verdict opposite(Verdict v) {
        return v == Verdict.Allow ? Verdict.Deny : Verdict.Allow;
    }

    private static FlowSpace space(Random r, int universe) {
        List<Protocol> protocols = switch (r.nextInt(5)) {
            case 0 -> List.of(Protocol.UDP);
            case 1 -> List.of(Protocol.TCP, Protocol.UDP);
            case 2 -> List.of(Protocol.SCTP);
            default -> List.of(Protocol.TCP);
        };
        List<Port> ports = switch (r.nextInt(5)) {
            case 0 -> List.of(new Port.Named(pick(r, "http", "dns", "metrics")));
            case 1 -> List.of(new Port.Range(1 + r.nextInt(universe), universe), new Port.Named("http"));
            case 2 -> List.of(Port.Range.of(1 + r.nextInt(universe)));
            default -> List.of(new Port.Range(1, universe));
        };
        return new FlowSpace(side(r), side(r), protocols, ports, List.of(new Port.Range(1, universe)));
    }

    /** A side of an assertion whose addresses, when it has any, are few enough to enumerate. */
    private static EndpointSet side(Random r) {
        int shape = r.nextInt(6);
        if (shape < 2) {
            List<String> nets = NETS.get(r.nextInt(NETS.size()));
            return new EndpointSet(null, null, null, null, nets, notNets(r, nets.getFirst()));
        }
        boolean byNamespace = r.nextInt(3) == 0;
        String selector = byNamespace && r.nextBoolean() ? null : pick(r, SELECTORS);
        String namespaceSelector = byNamespace ? pick(r, NAMESPACE_SELECTORS) : null;
        String notSelector = r.nextInt(10) == 0 ? pick(r, SELECTORS) : null;
        ServiceAccountMatch sa = r.nextInt(10) == 0
                ? new ServiceAccountMatch(r.nextBoolean() ? List.of("sa1") : List.of(), "kind == 'x'")
                : null;
        if (selector == null && namespaceSelector == null && notSelector == null && sa == null) {
            selector = pick(r, SELECTORS);
        }
        List<String> nets = shape == 2 ? List.of(pick(r, "10.0.0.0/8", "10.0.1.0/24", "fd00::/16")) : List.of();
        List<String> notNets = shape == 2 && r.nextBoolean() ? List.of("10.0.2.1/32") : List.of();
        return new EndpointSet(selector, notSelector, namespaceSelector, sa, nets, notNets);
    }

    private static List<String> notNets(Random r, String net) {
        if (r.nextInt(3) > 0) {
            return List.of();
        }
        Cidr c = Cidr.parse(net);
        int bits = c.v6() ? 128 : 32;
        return List.of(c.address() + "/" + Math.min(bits, c.prefix() + 1 + r.nextInt(2)));
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... values) {
        return values[r.nextInt(values.length)];
    }

    private static Flow flow(ReferenceFlow f, SmallPorts small) {
        return new Flow(
                f.id(),
                endpoint(f.source()),
                endpoint(f.destination()),
                f.protocol(),
                f.port() == null ? null : 1 + Math.floorMod(f.port(), small.universe),
                f.sourcePort() == null ? null : 1 + Math.floorMod(f.sourcePort(), small.universe),
                f.icmpType(),
                f.icmpCode());
    }

    private static FlowEndpoint endpoint(ReferenceFlow.Side s) {
        return s.isPod() ? new FlowEndpoint.PodRef(s.namespace(), s.pod()) : new FlowEndpoint.Address(s.ip());
    }

    private static ReferenceFlow reference(Flow f) {
        return new ReferenceFlow(
                f.id(), side(f.source()), side(f.destination()), f.protocol(), f.port(), f.sourcePort(), null, null);
    }

    private static ReferenceFlow.Side side(FlowEndpoint e) {
        return switch (e) {
            case FlowEndpoint.PodRef p -> ReferenceFlow.Side.pod(p.namespace(), p.name());
            case FlowEndpoint.Address a -> ReferenceFlow.Side.ip(a.ip());
        };
    }

    /**
     * Every covered connection, written from the definitions with nothing shared with the checker: sides matched
     * against each pod's labels as Calico attaches them, every address of the (small) ranges listed, every pair
     * but a pod with itself or two outside addresses, every destination port of the space (names looked up on the
     * destination pod) and every source port of the universe.
     */
    private static final class Brute {
        private final ClusterState state;
        private final CompiledCluster cluster;
        private final FlowSpace space;
        private final int universe;
        private final List<Endpoint> sources;
        private final List<Endpoint> destinations;
        long evaluated;

        Brute(ClusterState state, CompiledCluster cluster, FlowSpace space, int universe) {
            this.state = state;
            this.cluster = cluster;
            this.space = space;
            this.universe = universe;
            this.sources = endpoints(space.sources());
            this.destinations = endpoints(space.destinations());
        }

        /** The verdict most of a sample of the covered connections get, or null when none is covered. */
        @Nullable
        Verdict majority(Random random) {
            List<Flow> all = new ArrayList<>();
            visit(f -> {
                if (all.size() < 20_000) {
                    all.add(f);
                }
                return false;
            });
            if (all.isEmpty()) {
                return null;
            }
            int allowed = 0;
            for (int i = 0; i < 200; i++) {
                allowed += cluster.action(all.get(random.nextInt(all.size()))) == Verdict.Allow ? 1 : 0;
            }
            return allowed >= 100 ? Verdict.Allow : Verdict.Deny;
        }

        Outcome outcome(Verdict expected) {
            boolean[] any = new boolean[1];
            boolean violated = visit(f -> {
                any[0] = true;
                evaluated++;
                return cluster.action(f) != expected;
            });
            return violated ? Outcome.VIOLATED : any[0] ? Outcome.HOLDS : Outcome.EMPTY;
        }

        /** Visits every covered connection until {@code stop} says so; whether it did. */
        private boolean visit(Predicate<Flow> stop) {
            for (Endpoint s : sources) {
                for (Endpoint d : destinations) {
                    if ((s.pod() == null && d.pod() == null) || (s.pod() != null && s.pod() == d.pod())) {
                        continue;
                    }
                    for (Protocol protocol : space.protocols()) {
                        for (int port = 1; port <= universe; port++) {
                            if (!destinationPort(d.pod(), protocol, port)) {
                                continue;
                            }
                            for (int sourcePort = 1; sourcePort <= universe; sourcePort++) {
                                Flow f = new Flow(
                                        "brute", s.endpoint(), d.endpoint(), protocol, port, sourcePort, null, null);
                                if (stop.test(f)) {
                                    return true;
                                }
                            }
                        }
                    }
                }
            }
            return false;
        }

        boolean covers(Flow f) {
            if (space.protocols().stream()
                    .noneMatch(p -> p.number() == f.protocol().number())) {
                return false;
            }
            Endpoint s = find(sources, f.source(), f.destination());
            Endpoint d = find(destinations, f.destination(), f.source());
            return s != null
                    && d != null
                    && !(s.pod() == null && d.pod() == null)
                    && !(s.pod() != null && s.pod() == d.pod())
                    && f.port() != null
                    && destinationPort(d.pod(), f.protocol(), f.port())
                    && (f.sourcePort() == null || (f.sourcePort() >= 1 && f.sourcePort() <= universe));
        }

        /**
         * The covered endpoint a flow endpoint is: a pod by reference at the address the evaluation contract gives
         * it (its first, or its first of the family of an address on the other side), a pod's address, or an
         * outside address.
         */
        private @Nullable Endpoint find(List<Endpoint> covered, FlowEndpoint e, FlowEndpoint other) {
            IpAddress ip;
            if (e instanceof FlowEndpoint.PodRef p) {
                Pod pod = state.pod(p.namespace(), p.name());
                if (pod == null || pod.ips().isEmpty()) {
                    return null;
                }
                ip = IpAddress.parse(pod.ips().getFirst());
                if (other instanceof FlowEndpoint.Address a) {
                    boolean v6 = IpAddress.parse(a.ip()).v6();
                    ip = pod.ips().stream()
                            .map(IpAddress::parse)
                            .filter(i -> i.v6() == v6)
                            .findFirst()
                            .orElse(ip);
                }
                for (Endpoint c : covered) {
                    if (c.pod() == pod
                            && (c.endpoint() instanceof FlowEndpoint.PodRef
                                    || ip.equals(IpAddress.parse(((FlowEndpoint.Address) c.endpoint()).ip())))) {
                        return c;
                    }
                }
                return null;
            }
            ip = IpAddress.parse(((FlowEndpoint.Address) e).ip());
            for (Endpoint c : covered) {
                if (c.endpoint() instanceof FlowEndpoint.Address a && ip.equals(IpAddress.parse(a.ip()))) {
                    return c;
                }
                if (c.endpoint() instanceof FlowEndpoint.PodRef && c.pod() != null && owner(ip) == c.pod()) {
                    return c;
                }
            }
            return null;
        }

        private boolean destinationPort(@Nullable Pod pod, Protocol protocol, int port) {
            for (Port p : space.ports()) {
                if (p instanceof Port.Range r && r.contains(port)) {
                    return true;
                }
                if (p instanceof Port.Named n && pod != null) {
                    for (ContainerPort cp : pod.ports()) {
                        if (n.name().equals(cp.name())
                                && cp.port() == port
                                && cp.protocol().number() == protocol.number()) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        private List<Endpoint> endpoints(EndpointSet set) {
            List<Endpoint> out = new ArrayList<>();
            boolean identity = set.byIdentity();
            boolean addresses = !set.nets().isEmpty() || !set.notNets().isEmpty();
            List<Pod> pods = new ArrayList<>(state.pods());
            pods.sort((a, b) -> (a.namespace() + "/" + a.name()).compareTo(b.namespace() + "/" + b.name()));
            for (Pod pod : pods) {
                if (pod.ips().isEmpty() || (identity && !matches(set, pod))) {
                    continue;
                }
                if (!addresses) {
                    out.add(new Endpoint(new FlowEndpoint.PodRef(pod.namespace(), pod.name()), pod));
                    continue;
                }
                for (String text : pod.ips()) {
                    IpAddress ip = IpAddress.parse(text);
                    if (inRange(set, ip) && owner(ip) == pod) {
                        out.add(new Endpoint(new FlowEndpoint.Address(text), pod));
                    }
                }
            }
            if (!identity) {
                for (String net : set.nets()) {
                    Cidr c = Cidr.parse(net);
                    int bits = c.v6() ? 128 : 32;
                    BigInteger first =
                            value(c.address()).shiftRight(bits - c.prefix()).shiftLeft(bits - c.prefix());
                    for (long i = 0; i < 1L << (bits - c.prefix()); i++) {
                        IpAddress ip = address(c.v6(), first.add(BigInteger.valueOf(i)));
                        if (inRange(set, ip) && owner(ip) == null) {
                            out.add(new Endpoint(new FlowEndpoint.Address(ip.toString()), null));
                        }
                    }
                }
            }
            return out;
        }

        /** The pod the engine finds at an address: the first in namespace and name order. */
        private @Nullable Pod owner(IpAddress ip) {
            Pod found = null;
            for (Pod p : state.pods()) {
                if (p.ips().stream().anyMatch(t -> ip.equals(IpAddress.parse(t)))
                        && (found == null
                                || (p.namespace() + "/" + p.name()).compareTo(found.namespace() + "/" + found.name())
                                        < 0)) {
                    found = p;
                }
            }
            return found;
        }

        private static boolean inRange(EndpointSet set, IpAddress ip) {
            boolean inNets = set.nets().isEmpty()
                    ? set.notNets().stream().anyMatch(n -> Cidr.parse(n).v6() == ip.v6())
                    : set.nets().stream().anyMatch(n -> Cidr.parse(n).contains(ip));
            return inNets && set.notNets().stream().noneMatch(n -> Cidr.parse(n).contains(ip));
        }

        /** The labels Calico puts on a pod (calico-semantics §2.5), and the side's fields tested against them. */
        private boolean matches(EndpointSet set, Pod pod) {
            Map<String, String> labels = new HashMap<>();
            Namespace ns = state.namespace(pod.namespace());
            if (ns != null) {
                ns.labels().forEach((k, v) -> labels.put("pcns." + k, v));
            }
            labels.put("pcns.projectcalico.org/name", pod.namespace());
            ServiceAccount sa = state.serviceAccount(pod.namespace(), pod.serviceAccountName());
            if (sa != null) {
                sa.labels().forEach((k, v) -> labels.put("pcsa." + k, v));
            }
            labels.put("pcsa.projectcalico.org/name", pod.serviceAccountName());
            labels.putAll(pod.labels());
            labels.put("projectcalico.org/namespace", pod.namespace());
            labels.put("projectcalico.org/orchestrator", "k8s");
            labels.put("projectcalico.org/serviceaccount", pod.serviceAccountName());
            Labels all = Labels.of(labels);
            if (set.selector() != null && !parse(set.selector()).matches(all)) {
                return false;
            }
            if (set.notSelector() != null && parse(set.notSelector()).matches(all)) {
                return false;
            }
            if (set.namespaceSelector() != null
                    && !parse(set.namespaceSelector()).matches(key -> labels.get("pcns." + key))) {
                return false;
            }
            ServiceAccountMatch match = set.serviceAccounts();
            if (match != null) {
                if (!match.names().isEmpty() && !match.names().contains(pod.serviceAccountName())) {
                    return false;
                }
                return match.selector() == null || parse(match.selector()).matches(key -> labels.get("pcsa." + key));
            }
            return true;
        }

        private static Selector parse(String text) {
            return Selectors.parseOrThrow(text);
        }

        private static BigInteger value(IpAddress ip) {
            if (!ip.v6()) {
                return BigInteger.valueOf(ip.lo());
            }
            return new BigInteger(
                    1,
                    java.nio.ByteBuffer.allocate(16)
                            .putLong(ip.hi())
                            .putLong(ip.lo())
                            .array());
        }

        private static IpAddress address(boolean v6, BigInteger v) {
            if (!v6) {
                return new IpAddress(false, 0, v.longValue());
            }
            return new IpAddress(true, v.shiftRight(64).longValue(), v.longValue());
        }
    }
}
