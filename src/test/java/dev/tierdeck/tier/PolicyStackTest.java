package dev.tierdeck.tier;

import static org.assertj.core.api.Assertions.assertThat;

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
}
