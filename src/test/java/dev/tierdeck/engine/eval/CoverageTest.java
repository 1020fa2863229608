package dev.tierdeck.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import org.junit.jupiter.api.Test;

/** Which tier can end a pod's traffic in a deny, or that none can and the pod is open (calico-semantics §2.1, §2.9). */
class CoverageTest {

    private static final String PASS_TIER = """
            apiVersion: projectcalico.org/v3
            kind: Tier
            metadata: {name: platform}
            spec: {order: 100, defaultAction: Pass}
            """;

    private static final String PASS_ALL = PASS_TIER + """
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: pass-all}
            spec:
              tier: platform
              types: [Ingress, Egress]
              ingress: [{action: Pass}]
              egress: [{action: Pass}]
            """;

    @Test
    void aPodNoPolicySelectsIsOpenBothWays() {
        CompiledCluster c = cluster("");
        assertThat(Coverage.of(c, "a", "web-0", true)).isEqualTo(new Coverage.Direction(true, null));
        assertThat(Coverage.of(c, "a", "web-0", false)).isEqualTo(new Coverage.Direction(true, null));
    }

    @Test
    void catchAllPassPoliciesOfAnUpperTierLeaveThePodOpen() {
        CompiledCluster c = cluster(PASS_ALL);
        assertThat(Coverage.of(c, "a", "web-0", true).open()).isTrue();
        assertThat(Coverage.of(c, "a", "web-0", false).open()).isTrue();
    }

    @Test
    void allowRulesInTheDefaultTierEndInItsDenyForWhatTheyDoNotAllow() {
        CompiledCluster c = cluster(PASS_ALL + """
                ---
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: web, namespace: a}
                spec:
                  selector: app == 'web'
                  ingress: [{action: Allow, protocol: TCP, destination: {ports: [8080]}}]
                """);
        assertThat(Coverage.of(c, "a", "web-0", true)).isEqualTo(new Coverage.Direction(false, "default"));
        // the policy is ingress only: egress still falls through to the profile
        assertThat(Coverage.of(c, "a", "web-0", false).open()).isTrue();
        // db-0 is not selected by it
        assertThat(Coverage.of(c, "a", "db-0", true).open()).isTrue();
    }

    @Test
    void anAllowOfEverythingLeavesThePodOpenEvenInADenyTier() {
        CompiledCluster c = cluster("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: open, namespace: a}
                spec:
                  ingress: [{action: Allow}, {action: Deny, source: {selector: app == 'db'}}]
                """);
        assertThat(Coverage.of(c, "a", "web-0", true).open()).isTrue();
    }

    @Test
    void allowOnlyPoliciesInATierThatPassesByDefaultCoverNothing() {
        CompiledCluster c = cluster(PASS_TIER + """
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: some-allow}
                spec:
                  tier: platform
                  types: [Ingress]
                  ingress: [{action: Allow, protocol: TCP, destination: {ports: [53]}}]
                """);
        assertThat(Coverage.of(c, "a", "web-0", true).open()).isTrue();
    }

    @Test
    void aDenyRuleInAPassTierCoversThePodInThatTier() {
        CompiledCluster c = cluster(PASS_TIER + """
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: no-metadata}
                spec:
                  tier: platform
                  types: [Egress]
                  egress: [{action: Deny, destination: {nets: [169.254.169.254/32]}}, {action: Pass}]
                """);
        assertThat(Coverage.of(c, "a", "web-0", false)).isEqualTo(new Coverage.Direction(false, "platform"));
        assertThat(Coverage.of(c, "a", "web-0", true).open()).isTrue();
    }

    @Test
    void aDenyWhosePeerSelectsNoMemberDeniesNothing() {
        CompiledCluster c = cluster(PASS_TIER + """
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: no-ghosts}
                spec:
                  tier: platform
                  types: [Ingress]
                  ingress: [{action: Deny, source: {selector: app == 'ghost'}}]
                """);
        assertThat(Coverage.of(c, "a", "web-0", true).open()).isTrue();
    }

    @Test
    void aKubernetesNetworkPolicyCoversInTheDefaultTier() {
        CompiledCluster c = cluster(PASS_ALL + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web, namespace: a}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  ingress: [{from: [{podSelector: {}}]}]
                """);
        assertThat(Coverage.of(c, "a", "web-0", true)).isEqualTo(new Coverage.Direction(false, "default"));
    }

    @Test
    void stagedPoliciesCoverNothing() {
        CompiledCluster c = cluster("""
                apiVersion: projectcalico.org/v3
                kind: StagedNetworkPolicy
                metadata: {name: lockdown, namespace: a}
                spec:
                  types: [Ingress, Egress]
                """);
        assertThat(Coverage.of(c, "a", "web-0", true).open()).isTrue();
        assertThat(Coverage.of(c, "a", "web-0", false).open()).isTrue();
    }

    @Test
    void theFirstTierThatCanDenyIsNamed() {
        CompiledCluster c = cluster(PASS_TIER + """
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: quarantine}
                spec:
                  tier: platform
                  types: [Ingress]
                  ingress: [{action: Deny, source: {nets: [10.9.0.0/16]}}]
                ---
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: deny-all, namespace: a}
                spec:
                  types: [Ingress]
                """);
        assertThat(Coverage.of(c, "a", "web-0", true).tier()).isEqualTo("platform");
    }

    @Test
    void anUnknownPodIsRefused() {
        assertThatThrownBy(() -> Coverage.of(cluster(""), "a", "nope", true)).isInstanceOf(UnknownPodException.class);
    }

    private static CompiledCluster cluster(String policies) {
        Manifests m = ManifestReader.read("test.yaml", Scenario.BASE + (policies.isEmpty() ? "" : "---\n" + policies));
        assertThat(m.errors()).isEmpty();
        return Engine.compile(m.state());
    }
}
