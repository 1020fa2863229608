package dev.tierdeck.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.ServiceAccountMatch;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The exact check of a flow space, one mechanism at a time: each test puts the only connection with the other
 * verdict where one way of telling endpoints or ports apart alone can find it.
 */
class FlowSpaceTest {

    /**
     * Namespace {@code a}: web-0 (http 8080) and web-1 (http 9090); namespace {@code b}: four clients that only their
     * addresses, a network set, a label or their IP family tell apart; and a network set of partners.
     */
    private static final String BASE = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: a, labels: {team: x}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: b}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web-0, namespace: a, labels: {app: web}}
            spec: {containers: [{name: w, ports: [{name: http, containerPort: 8080}]}]}
            status: {podIP: 10.0.0.1}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web-1, namespace: a, labels: {app: web}}
            spec: {containers: [{name: w, ports: [{name: http, containerPort: 9090}]}]}
            status: {podIP: 10.0.0.2}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: client-0, namespace: b, labels: {app: client}}
            status: {podIP: 10.0.1.1}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: client-1, namespace: b, labels: {app: client}}
            status: {podIP: 10.0.1.129}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: client-2, namespace: b, labels: {app: client, trusted: "yes"}}
            status: {podIP: 10.0.1.2}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: client-6, namespace: b, labels: {app: client}}
            status: {podIP: "fd00::6"}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkSet
            metadata: {name: partners, labels: {kind: partner}}
            spec: {nets: [10.0.1.129/32, 203.0.113.0/24]}
            """;

    private static final EndpointSet CLIENTS =
            new EndpointSet("app == 'client'", null, "projectcalico.org/name == 'b'", null, List.of(), List.of());
    private static final EndpointSet WEB = new EndpointSet("app == 'web'", null, null, null, List.of(), List.of());
    private static final List<Port> EVERY_PORT = List.of(FlowSpace.EVERY_PORT);

    private static CompiledCluster cluster(String webIngress) {
        Manifests m = ManifestReader.read("test.yaml", BASE + """
                ---
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: web, namespace: a}
                spec:
                  selector: app == 'web'
                  types: [Ingress]
                  ingress:
                """ + webIngress.indent(2));
        assertThat(m.errors()).isEmpty();
        return Engine.compile(m.state());
    }

    private static SpaceCheck check(CompiledCluster c, EndpointSet from, EndpointSet to, List<Port> ports, Verdict v) {
        return FlowSpace.of(from, to, List.of(Protocol.TCP), ports).check(c, v);
    }

    @Test
    void clientsThatOnlyARuleCidrTellsApartAreCheckedApart() {
        CompiledCluster c = cluster("- {action: Allow, source: {nets: [10.0.1.128/25]}}");
        SpaceCheck check = check(c, CLIENTS, WEB, EVERY_PORT, Verdict.Deny);
        assertThat(check.example().source()).isEqualTo(new FlowEndpoint.PodRef("b", "client-1"));
        assertThat(check.verdict().action()).isEqualTo(Verdict.Allow);
    }

    @Test
    void clientsThatOnlyANetworkSetHoldingTheirAddressTellsApartAreCheckedApart() {
        CompiledCluster c =
                cluster("- {action: Allow, source: {selector: kind == 'partner', namespaceSelector: global()}}");
        SpaceCheck check = check(c, CLIENTS, WEB, EVERY_PORT, Verdict.Deny);
        assertThat(check.example().source()).isEqualTo(new FlowEndpoint.PodRef("b", "client-1"));
    }

    @Test
    void clientsThatOnlyALabelTellsApartAreCheckedApart() {
        CompiledCluster c = cluster("- {action: Allow, source: {selector: has(trusted), namespaceSelector: all()}}");
        SpaceCheck check = check(c, CLIENTS, WEB, EVERY_PORT, Verdict.Deny);
        assertThat(check.example().source()).isEqualTo(new FlowEndpoint.PodRef("b", "client-2"));
    }

    @Test
    void clientsThatOnlyTheirAddressFamilyTellsApartAreCheckedApart() {
        CompiledCluster c = cluster("- {action: Allow, ipVersion: 6}");
        SpaceCheck check = check(c, CLIENTS, WEB, EVERY_PORT, Verdict.Deny);
        assertThat(check.example().source()).isEqualTo(new FlowEndpoint.PodRef("b", "client-6"));
    }

    @Test
    void aRuleOnSourcePortsIsFoundAtThePortItNames() {
        CompiledCluster c = cluster("- {action: Allow, protocol: TCP, source: {ports: [53]}}");
        SpaceCheck check = check(c, CLIENTS, WEB, EVERY_PORT, Verdict.Deny);
        assertThat(check.example().sourcePort()).isEqualTo(53);
        // Without a rule on source ports the example leaves the source port out: any gives the same verdict.
        SpaceCheck plain = check(
                cluster("- {action: Allow, protocol: TCP, destination: {ports: [80]}}"),
                CLIENTS,
                WEB,
                EVERY_PORT,
                Verdict.Deny);
        assertThat(plain.example().sourcePort()).isNull();
        assertThat(plain.example().port()).isEqualTo(80);
    }

    @Test
    void aNamedPortIsFoundAtTheNumberEachDestinationDeclares() {
        CompiledCluster c = cluster("- {action: Allow, protocol: TCP, destination: {ports: [http]}}");
        SpaceCheck first = check(c, CLIENTS, WEB, EVERY_PORT, Verdict.Deny);
        assertThat(first.example().destination()).isEqualTo(new FlowEndpoint.PodRef("a", "web-0"));
        assertThat(first.example().port()).isEqualTo(8080);
        // 9090 is http only on web-1: asked for by number, the hole is there and nowhere else.
        SpaceCheck second = check(c, CLIENTS, WEB, List.of(Port.Range.of(9090)), Verdict.Deny);
        assertThat(second.example().destination()).isEqualTo(new FlowEndpoint.PodRef("a", "web-1"));
        // Asked for by name, every web pod's http is allowed.
        assertThat(check(c, CLIENTS, WEB, List.of(new Port.Named("http")), Verdict.Allow)
                        .holds())
                .isTrue();
    }

    @Test
    void everyAddressOutsideTheClusterIsCheckedRegionByRegion() {
        CompiledCluster c =
                cluster("- {action: Allow, source: {selector: kind == 'partner', namespaceSelector: global()}}");
        SpaceCheck check = check(c, EndpointSet.ANYTHING, WEB, EVERY_PORT, Verdict.Deny);
        // client-1 is a partner by its address and comes first; outside, 203.0.113.0/24 is the partners' region.
        assertThat(check.example().source()).isEqualTo(new FlowEndpoint.Address("10.0.1.129"));
        EndpointSet outside = new EndpointSet(null, null, null, null, List.of("0.0.0.0/0"), List.of("10.0.0.0/8"));
        SpaceCheck fromOutside = check(c, outside, WEB, EVERY_PORT, Verdict.Deny);
        assertThat(fromOutside.example().source()).isEqualTo(new FlowEndpoint.Address("203.0.113.0"));
        EndpointSet notPartners =
                new EndpointSet(null, null, null, null, List.of("0.0.0.0/0"), List.of("10.0.0.0/8", "203.0.113.0/24"));
        assertThat(check(c, notPartners, WEB, EVERY_PORT, Verdict.Deny).holds()).isTrue();
    }

    @Test
    void serviceAccountsAndNotSelectorNarrowTheSide() {
        CompiledCluster c = cluster("- {action: Allow, source: {selector: has(trusted), namespaceSelector: all()}}");
        EndpointSet untrusted =
                new EndpointSet(null, "has(trusted)", "projectcalico.org/name == 'b'", null, List.of(), List.of());
        assertThat(check(c, untrusted, WEB, EVERY_PORT, Verdict.Deny).holds()).isTrue();
        EndpointSet defaultAccount = new EndpointSet(
                null, null, null, new ServiceAccountMatch(List.of("default"), null), List.of(), List.of());
        assertThat(check(c, defaultAccount, WEB, EVERY_PORT, Verdict.Deny).holds())
                .isFalse();
        EndpointSet otherAccount = new EndpointSet(
                null, null, null, new ServiceAccountMatch(List.of("builder"), null), List.of(), List.of());
        assertThat(check(c, otherAccount, WEB, EVERY_PORT, Verdict.Deny).nothingCovered())
                .isEqualTo("no pod or address matches the sources");
    }

    @Test
    void aSpaceCoversAFlowWhenProtocolPortsAndBothEndpointsFallInside() {
        CompiledCluster c = cluster("- {action: Allow}");
        FlowSpace space = FlowSpace.of(CLIENTS, WEB, List.of(Protocol.TCP), List.of(new Port.Named("http")));
        Predicate<Flow> covers = space.coverage(c);
        FlowEndpoint client = new FlowEndpoint.PodRef("b", "client-0");
        FlowEndpoint web0 = new FlowEndpoint.PodRef("a", "web-0");
        assertThat(covers.test(Flow.of("f", client, web0, Protocol.TCP, 8080))).isTrue();
        assertThat(covers.test(Flow.of("f", new FlowEndpoint.Address("10.0.1.1"), web0, Protocol.TCP, 8080)))
                .isTrue();
        assertThat(covers.test(Flow.of("f", client, web0, Protocol.TCP, 9090))).isFalse();
        assertThat(covers.test(Flow.of("f", client, new FlowEndpoint.PodRef("a", "web-1"), Protocol.TCP, 9090)))
                .isTrue();
        assertThat(covers.test(Flow.of("f", client, web0, Protocol.UDP, 8080))).isFalse();
        assertThat(covers.test(Flow.of("f", web0, client, Protocol.TCP, 8080))).isFalse();
        assertThat(covers.test(Flow.of("f", new FlowEndpoint.PodRef("b", "ghost"), web0, Protocol.TCP, 8080)))
                .isFalse();
        assertThat(covers.test(Flow.of("f", new FlowEndpoint.Address("8.8.8.8"), web0, Protocol.TCP, 8080)))
                .isFalse();
    }

    @Test
    void aPodAloneWithItselfCoversNothing() {
        CompiledCluster c = cluster("- {action: Allow}");
        EndpointSet web0 = new EndpointSet(
                "app == 'web' && projectcalico.org/namespace == 'a'",
                "has(nothing)",
                null,
                null,
                List.of(),
                List.of("10.0.0.2/32"));
        assertThat(check(c, web0, web0, EVERY_PORT, Verdict.Allow).nothingCovered())
                .isEqualTo("the only pairs are a pod with itself or two addresses outside the cluster");
    }
}
