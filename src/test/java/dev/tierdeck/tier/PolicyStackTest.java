package dev.tierdeck.tier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyStackTest {

    private static final String CLUSTER = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: payments, labels: {team: payments}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: catalog, labels: {team: catalog}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: api-0, namespace: payments, labels: {app: api}}
            spec: {containers: [{name: api, image: api}]}
            status: {podIP: 10.0.0.1}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web-0, namespace: catalog, labels: {app: web}}
            spec: {containers: [{name: web, image: web}]}
            status: {podIP: 10.0.1.1}
            ---
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: api, namespace: payments}
            spec:
              tier: default
              order: 100
              selector: app == 'api'
              ingress: [{action: Allow}, {action: Deny}]
            ---
            apiVersion: projectcalico.org/v3
            kind: StagedNetworkPolicy
            metadata: {name: api, namespace: payments}
            spec:
              tier: default
              order: 100
              selector: app == 'api'
              types: [Ingress, Egress]
              egress: [{action: Allow}]
            ---
            apiVersion: projectcalico.org/v3
            kind: StagedGlobalNetworkPolicy
            metadata: {name: catalog-web}
            spec:
              tier: default
              order: 50
              selector: app == 'web'
              namespaceSelector: team == 'catalog'
              types: [Egress]
              egress: [{action: Deny}]
            ---
            apiVersion: projectcalico.org/v3
            kind: StagedKubernetesNetworkPolicy
            metadata: {name: lockdown, namespace: catalog}
            spec:
              podSelector: {}
              policyTypes: [Ingress]
            """;

    private static final String UNTRACKED = """
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: untracked}
            spec:
              tier: default
              order: 10
              selector: app == 'api'
              doNotTrack: true
              applyOnForward: true
              ingress: [{action: Allow}]
            """;

    @Test
    void listsEnforcedAndStagedPoliciesInCalicosOrderWithWhatTheySelect() {
        Manifests manifests = ManifestReader.read("cluster.yaml", CLUSTER);
        assertThat(manifests.errors()).isEmpty();

        Map<String, List<PolicyStack.Entry>> stack = PolicyStack.entries(manifests.state());

        List<PolicyStack.Entry> inDefault = stack.get("default");
        // order 50 first; at order 100 the tie-break is name/namespace/kind (calico-semantics §2.3); Kubernetes
        // policies sit at 1000
        assertThat(inDefault)
                .extracting(PolicyStack.Entry::kind)
                .containsExactly(
                        "StagedGlobalNetworkPolicy",
                        "NetworkPolicy",
                        "StagedNetworkPolicy",
                        "StagedKubernetesNetworkPolicy");
        PolicyStack.Entry staged = inDefault.get(0);
        assertThat(staged.staged()).isTrue();
        assertThat(staged.selector()).isEqualTo("app == \"web\"");
        assertThat(staged.namespaceSelector()).isEqualTo("team == \"catalog\"");
        assertThat(staged.types()).isEqualTo("Egress");
        assertThat(staged.podsByNamespace()).containsExactly(Map.entry("catalog", 1));

        PolicyStack.Entry enforced = inDefault.get(1);
        assertThat(enforced.staged()).isFalse();
        assertThat(enforced.ingressRules()).isEqualTo(2);
        assertThat(enforced.egressRules()).isZero();
        assertThat(enforced.types()).isEqualTo("Ingress");
        assertThat(enforced.podsByNamespace()).containsExactly(Map.entry("payments", 1));

        assertThat(inDefault.get(2).types()).isEqualTo("Ingress, Egress");
        PolicyStack.Entry kubernetes = inDefault.get(3);
        assertThat(kubernetes.staged()).isTrue();
        assertThat(kubernetes.orderText()).isEqualTo("1000");
        assertThat(kubernetes.selector()).isEqualTo("all()");
        assertThat(kubernetes.podsByNamespace()).containsExactly(Map.entry("catalog", 1));
    }

    @Test
    void theCompiledClustersSelectionsCountAsTestingEveryPod() {
        Manifests manifests = ManifestReader.read("cluster.yaml", CLUSTER + UNTRACKED);
        assertThat(manifests.errors()).isEmpty();
        CompiledCluster compiled = Engine.compile(manifests.state());

        Map<String, List<PolicyStack.Entry>> fromCompiled = PolicyStack.entries(SelectedPods.of(compiled));

        assertThat(fromCompiled).isEqualTo(PolicyStack.entries(manifests.state()));
        // a doNotTrack policy is no part of this evaluation; it is still shown with what it selects
        assertThat(fromCompiled.get("default"))
                .filteredOn(e -> e.name().equals("untracked"))
                .singleElement()
                .extracting(PolicyStack.Entry::podsByNamespace)
                .isEqualTo(Map.of("payments", 1));
    }

    @Test
    void entriesTakenOverFromTheLastStateAreThoseOfUnchangedPoliciesAndCounts() {
        Manifests before = ManifestReader.read("cluster.yaml", CLUSTER);
        Manifests after = ManifestReader.read("cluster.yaml", CLUSTER + """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: api-1, namespace: payments, labels: {app: api}}
                spec: {containers: [{name: api, image: api}]}
                status: {podIP: 10.0.0.2}
                """);
        CompiledCluster compiled = Engine.compile(before.state());
        PolicyPages.Reuse<PolicyStack.Entry> reuse = new PolicyPages.Reuse<>();
        PolicyStack.entries(SelectedPods.of(compiled), reuse);

        Map<String, List<PolicyStack.Entry>> next =
                PolicyStack.entries(SelectedPods.of(Engine.update(compiled, after.state())), reuse);

        // a second api pod: the policies selecting app == api count it, the others are unchanged
        assertThat(next).isEqualTo(PolicyStack.entries(after.state()));
        assertThat(next.get("default"))
                .filteredOn(e -> e.name().equals("api"))
                .extracting(PolicyStack.Entry::podsByNamespace)
                .containsOnly(Map.of("payments", 2));
    }

    @Test
    void aPolicyNamesItsTenLargestNamespacesAndPagesHoldFiftyPolicies() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (int i = 0; i < 25; i++) {
            counts.put("ns-%02d".formatted(i), i % 12);
        }
        // 11 x2 (ns-11, ns-23), 10 x2 (ns-10, ns-22), 9 x2, 8 x2, 7 x2 -> the ten largest
        assertThat(PolicyPages.largest(counts))
                .containsOnlyKeys(
                        "ns-07", "ns-08", "ns-09", "ns-10", "ns-11", "ns-19", "ns-20", "ns-21", "ns-22", "ns-23");

        List<Integer> all = java.util.stream.IntStream.range(0, 120).boxed().toList();
        PolicyPages.Page<Integer> second = new PolicyPages.Request("t", 1).pageOf("t", all);
        assertThat(second.items()).first().isEqualTo(50);
        assertThat(second.items()).hasSize(50);
        assertThat(second.first()).isEqualTo(51);
        assertThat(second.last()).isEqualTo(100);
        assertThat(second.hasPrevious()).isTrue();
        assertThat(second.hasNext()).isTrue();
        PolicyPages.Page<Integer> beyond = new PolicyPages.Request("t", 99).pageOf("t", all);
        assertThat(beyond.items()).containsExactlyElementsOf(all.subList(100, 120));
        assertThat(beyond.hasNext()).isFalse();
        assertThat(new PolicyPages.Request("t", 2).pageOf("other", all).number())
                .isZero();
    }
}
