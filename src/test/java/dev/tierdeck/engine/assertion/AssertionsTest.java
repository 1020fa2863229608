package dev.tierdeck.engine.assertion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.eval.Change;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.EndpointSet;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowEndpoint;
import dev.tierdeck.engine.eval.Verdict;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine API the portal builds on: reading, checking with and without a change, and judging observed flows. */
class AssertionsTest {

    private static final String CLUSTER = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: db}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: cart-0, namespace: shop, labels: {app: cart}}
            status: {podIP: 10.0.1.1}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: pg-0, namespace: db, labels: {app: pg}}
            spec: {containers: [{name: pg, ports: [{name: pg, containerPort: 5432}]}]}
            status: {podIP: 10.0.2.1}
            ---
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: pg, namespace: db}
            spec:
              selector: app == 'pg'
              ingress: [{action: Allow, protocol: TCP, destination: {ports: [pg]}}]
            """;

    private static final String ASSERTIONS = """
            [{"name": "cart-reaches-pg", "source": {"selector": "app == 'cart'"},
              "destination": {"namespaceSelector": "projectcalico.org/name == 'db'"}, "ports": ["pg"],
              "expect": "allow"},
             {"name": "nothing-else-reaches-pg", "source": {}, "destination": {"selector": "app == 'pg'"},
              "ports": ["1:5431", "5433:65535"], "protocol": ["TCP", "UDP"], "expect": "deny"}]
            """;

    private static CompiledCluster cluster() {
        Manifests m = ManifestReader.read("cluster.yaml", CLUSTER);
        assertThat(m.errors()).isEmpty();
        return Engine.compile(m.state());
    }

    private static List<Assertion> assertions() {
        AssertionReader.Result r = AssertionReader.read("assertions.json", ASSERTIONS);
        assertThat(r.problems()).isEmpty();
        return r.assertions();
    }

    @Test
    void jsonReadsAsYamlDoesWithTcpAndEveryPortByDefault() {
        List<Assertion> read = assertions();
        assertThat(read.getFirst())
                .isEqualTo(new Assertion(
                        "cart-reaches-pg",
                        new EndpointSet("app == 'cart'", null, null, null, List.of(), List.of()),
                        new EndpointSet(null, null, "projectcalico.org/name == 'db'", null, List.of(), List.of()),
                        List.of(Protocol.TCP),
                        List.of(new Port.Named("pg")),
                        Verdict.Allow));
        assertThat(read.get(1).protocols()).containsExactly(Protocol.TCP, Protocol.UDP);
        Assertion bare = AssertionReader.read("a.yaml", "- {name: x, source: {}, destination: {}, expect: deny}")
                .assertions()
                .getFirst();
        assertThat(bare.protocols()).containsExactly(Protocol.TCP);
        assertThat(bare.ports()).isEmpty();
        assertThat(bare.space().ports()).containsExactly(new Port.Range(1, 65535));
    }

    @Test
    void checksTheClusterAsItIsAndWithAChangeInTheOrderGiven() {
        CompiledCluster cluster = cluster();
        List<AssertionResult> today = AssertionChecker.check(cluster, assertions());
        assertThat(today)
                .extracting(AssertionResult::status)
                .containsExactly(AssertionResult.Status.HOLDS, AssertionResult.Status.HOLDS);
        Manifests deletion = ManifestReader.read("change.yaml", """
                apiVersion: projectcalico.org/v3
                kind: StagedNetworkPolicy
                metadata: {name: pg, namespace: db}
                spec: {stagedAction: Delete}
                """);
        List<AssertionResult> changed = AssertionChecker.check(cluster, Change.of(deletion.objects()), assertions());
        assertThat(changed)
                .extracting(AssertionResult::status)
                .containsExactly(AssertionResult.Status.HOLDS, AssertionResult.Status.VIOLATED);
        AssertionResult.Example e = changed.get(1).example();
        assertThat(e.flow().id()).isEqualTo("nothing-else-reaches-pg");
        assertThat(e.destinationPod()).isEqualTo("db/pg-0");
        assertThat(e.decidedBy())
                .extracting(d -> d.direction() + " " + d.hit().kind())
                .contains("ingress Profile");
        // The cluster itself is unchanged by a check with a change.
        assertThat(AssertionChecker.check(cluster, assertions()).get(1).holds()).isTrue();
    }

    @Test
    void anObservedFlowContradictsTheAssertionsThatCoverItAndExpectTheOtherVerdict() {
        ObservedFlows observed = ObservedFlows.of(cluster(), assertions());
        FlowEndpoint cart = new FlowEndpoint.PodRef("shop", "cart-0");
        FlowEndpoint pg = new FlowEndpoint.PodRef("db", "pg-0");
        assertThat(observed.contradictedBy(Flow.of("f", cart, pg, Protocol.TCP, 5432), Verdict.Deny))
                .extracting(Assertion::name)
                .containsExactly("cart-reaches-pg");
        assertThat(observed.contradictedBy(Flow.of("f", cart, pg, Protocol.TCP, 5432), Verdict.Allow))
                .isEmpty();
        FlowEndpoint outside = new FlowEndpoint.Address("198.51.100.7");
        assertThat(observed.contradictedBy(Flow.of("f", outside, pg, Protocol.UDP, 53), Verdict.Allow))
                .extracting(Assertion::name)
                .containsExactly("nothing-else-reaches-pg");
        assertThat(observed.contradictedBy(Flow.of("f", outside, pg, Protocol.ICMP, null), Verdict.Allow))
                .isEmpty();
        assertThat(observed.contradictedBy(
                        Flow.of("f", new FlowEndpoint.PodRef("db", "gone-0"), pg, Protocol.TCP, 80), Verdict.Allow))
                .isEmpty();
    }
}
