package dev.tierdeck.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.eval.Change;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ObjectKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Advisories on the demo cluster: checkout's pods, the platform tier's allow-dns, coredns in kube-system. */
class PolicyAdvisoriesTest {

    private static CompiledCluster demo;

    @BeforeAll
    static void readDemoCluster() throws IOException {
        try (InputStream in = PolicyAdvisoriesTest.class.getResourceAsStream("/demo/cluster.yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            demo = Engine.compile(ManifestReader.read("cluster.yaml", yaml).state());
        }
    }

    private static CalicoPolicy policy(String spec) {
        String yaml = """
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: probe, namespace: checkout}
                spec:
                  tier: default
                """ + spec.indent(2);
        return (CalicoPolicy)
                ManifestReader.read("probe.yaml", yaml).state().calicoPolicies().getFirst();
    }

    private static List<Advisory> advise(String spec) {
        return PolicyAdvisories.of(policy(spec), demo);
    }

    private static List<String> kinds(List<Advisory> advisories) {
        return advisories.stream().map(Advisory::kind).toList();
    }

    @Test
    void aWellFormedNarrowPolicyGetsNoAdvisory() {
        assertThat(advise("""
                selector: app == 'cart'
                types: [Ingress]
                ingress:
                - action: Allow
                  protocol: TCP
                  source: {selector: app == 'checkout-frontend'}
                  destination: {ports: [grpc]}
                """)).isEmpty();
    }

    @Test
    void aSelectorTypoSaysThePolicySelectsNoPodAndNamesTheValuesThere() {
        List<Advisory> out = advise("""
                selector: app == 'crat'
                types: [Ingress]
                """);
        assertThat(kinds(out)).containsExactly(Advisory.SELECTS_NO_POD);
        assertThat(out.getFirst().field()).isEqualTo("spec.selector");
        assertThat(out.getFirst().message())
                .contains("selects no pod in checkout")
                .contains("Values of 'app' there: cart, checkout-frontend, checkout-worker.");
    }

    @Test
    void aPeerSelectorTypoIsNotedAtTheRulesPeer() {
        List<Advisory> out = advise("""
                selector: app == 'cart'
                types: [Ingress]
                ingress:
                - action: Allow
                  source: {selector: app == 'checkout-frontnd'}
                """);
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Advisory.PEER_MATCHES_NOTHING);
            assertThat(a.field()).isEqualTo("spec.ingress[0].source");
            assertThat(a.message()).contains("ingress rule 1 matches no pod").contains("checkout-frontend");
        });
    }

    @Test
    void aNamedPortNoSelectedPodDeclaresIsNoted() {
        List<Advisory> out = advise("""
                selector: app == 'cart'
                types: [Ingress]
                ingress:
                - action: Allow
                  protocol: TCP
                  source: {selector: app == 'checkout-frontend'}
                  destination: {ports: [grcp]}
                """);
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Advisory.UNDECLARED_PORT);
            assertThat(a.field()).isEqualTo("spec.ingress[0].destination.ports");
            assertThat(a.message()).contains("'grcp'").contains("Declared names: grpc, metrics.");
        });
    }

    @Test
    void anEgressNamedPortIsLookedUpOnThePeersPods() {
        List<Advisory> out = advise("""
                selector: app == 'cart'
                types: [Egress]
                egress:
                - action: Allow
                  protocol: UDP
                  destination: {namespaceSelector: all(), selector: k8s-app == 'kube-dns', ports: [dns]}
                - action: Allow
                  protocol: TCP
                  destination: {namespaceSelector: all(), selector: app == 'redis', ports: [redis, htttp]}
                """);
        assertThat(out)
                .filteredOn(a -> a.kind().equals(Advisory.UNDECLARED_PORT))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.field()).isEqualTo("spec.egress[1].destination.ports");
                    assertThat(a.message()).contains("'htttp'").contains("Declared names: metrics, redis.");
                });
    }

    @Test
    void aRuleAnEarlierRuleAlwaysDecidesIsNotedWhateverItsSpelling() {
        List<Advisory> out = advise("""
                selector: app == 'cart'
                types: [Ingress]
                ingress:
                - action: Deny
                  source: {nets: [10.0.0.0/8]}
                - action: Allow
                  protocol: TCP
                  source: {nets: [10.244.0.0/16]}
                  destination: {ports: [50051]}
                - action: Allow
                  protocol: TCP
                  source: {nets: [192.168.0.0/16]}
                """);
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Advisory.DECIDED_EARLIER);
            assertThat(a.field()).isEqualTo("spec.ingress[1]");
            assertThat(a.message())
                    .startsWith("Ingress rule 2 never decides anything: rule 1 already decides")
                    .doesNotContain("pods the cluster has now");
        });
    }

    @Test
    void twoEarlierRulesTogetherCanDecideALaterOne() {
        List<Advisory> out = advise("""
                selector: app == 'cart'
                types: [Ingress]
                ingress:
                - action: Deny
                  protocol: TCP
                  source: {nets: [10.0.0.0/9]}
                - action: Allow
                  protocol: TCP
                  source: {nets: [10.128.0.0/9]}
                - action: Allow
                  protocol: TCP
                  source: {nets: [10.0.0.0/8]}
                  destination: {ports: [50051]}
                """);
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.field()).isEqualTo("spec.ingress[2]");
            assertThat(a.message()).contains("rules 1 to 2 together already decide");
        });
    }

    @Test
    void aRuleDecidedOnlyForTodaysPodsSaysSo() {
        List<Advisory> out = advise("""
                selector: app == 'cart'
                types: [Ingress]
                ingress:
                - action: Allow
                  source: {selector: app == 'checkout-frontend'}
                - action: Deny
                  protocol: TCP
                  source: {selector: app == 'checkout-frontend' && pod-template-hash == '8f7c6d5b9'}
                """);
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Advisory.DECIDED_EARLIER);
            assertThat(a.message()).contains("(to and from the pods the cluster has now)");
        });
    }

    @Test
    void aLaterRuleWithWiderTrafficIsNotNoted() {
        assertThat(advise("""
                selector: app == 'cart'
                types: [Ingress]
                ingress:
                - action: Deny
                  protocol: TCP
                  source: {nets: [10.244.0.0/16]}
                  destination: {ports: [50051]}
                - action: Allow
                  protocol: TCP
                  source: {nets: [10.0.0.0/8]}
                """)).isEmpty();
    }

    @Test
    void anEgressDefaultDenyThatCutsTrafficNamesItButNotDnsWhichThePlatformAllows() {
        List<Advisory> out = advise("""
                selector: app == 'cart'
                types: [Egress]
                """);
        assertThat(kinds(out)).containsExactly(Advisory.EGRESS_CUT);
        assertThat(out.getFirst().field()).isEqualTo("spec.egress");
        assertThat(out.getFirst().message())
                .startsWith("Egress default deny: this policy would deny egress to 31 ports that pods declare")
                .contains(
                        "(catalog/catalog-api TCP 8080, catalog/catalog-api TCP 9090, catalog/image-resizer TCP 8080, …)")
                .doesNotContain("DNS");
    }

    @Test
    void withoutAnUpperTierAllowingDnsTheDefaultDenyCutsDnsAndSaysSoFirst() {
        CompiledCluster noDns = Engine.compile(
                demo, new Change(List.of(), List.of(new ObjectKey("GlobalNetworkPolicy", null, "allow-dns"))));
        List<Advisory> out = PolicyAdvisories.of(policy("""
                selector: app == 'cart'
                types: [Egress]
                egress:
                - action: Allow
                  protocol: TCP
                  destination: {namespaceSelector: all(), selector: app == 'redis', ports: [6379]}
                """), noDns);
        assertThat(out).first().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Advisory.EGRESS_CUT);
            assertThat(a.message())
                    .startsWith("Egress default deny: this policy would cut DNS (kube-system/coredns TCP 53,"
                            + " kube-system/coredns UDP 53)");
        });
        assertThat(out).noneMatch(a -> a.message().contains("db/redis TCP 6379"));
        assertThat(out.get(1).message()).contains("would also deny egress to");
    }

    @Test
    void aDenyOfDnsIsDecidedAboveByThePlatformsAllowDns() {
        List<Advisory> out = advise("""
                selector: app == 'cart'
                types: [Egress]
                egress:
                - action: Deny
                  protocol: UDP
                  destination: {ports: [53]}
                - action: Allow
                """);
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Advisory.DECIDED_ABOVE);
            assertThat(a.field()).isEqualTo("spec.egress[0]");
            assertThat(a.message()).contains("tier platform (allow-dns, Allow) decides it first");
        });
    }

    @Test
    void anEgressAllowOfEverythingCutsNothing() {
        assertThat(advise("""
                selector: app == 'cart'
                types: [Egress]
                egress:
                - action: Allow
                """)).isEmpty();
    }
}
