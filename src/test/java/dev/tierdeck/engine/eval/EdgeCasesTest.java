package dev.tierdeck.engine.eval;

import static dev.tierdeck.engine.eval.Scenario.hits;
import static dev.tierdeck.engine.eval.Scenario.ip;
import static dev.tierdeck.engine.eval.Scenario.pod;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The edge cases of calico-semantics §7, one test per behaviour. */
class EdgeCasesTest {

    private static final String PASS_ALL_TIER = """
            apiVersion: projectcalico.org/v3
            kind: Tier
            metadata: {name: platform}
            spec: {order: 100}
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
    void passInTheLastApplicableTierEndsInTheNamespaceProfileWhichAllows() {
        FlowVerdict v = Scenario.with(PASS_ALL_TIER).tcp(pod("b/client-0"), pod("a/web-0"), 8080);
        assertThat(v.action()).isEqualTo(Verdict.Allow);
        assertThat(hits(v.enforced().ingress()))
                .containsExactly("platform|GlobalNetworkPolicy|pass-all|0|Pass", "|Profile|kns.a|0|Allow");
    }

    @Test
    void aTierThatSelectsTheEndpointOnlyForTheOtherDirectionIsSkipped() {
        FlowVerdict v = Scenario.with("""
                        apiVersion: projectcalico.org/v3
                        kind: NetworkPolicy
                        metadata: {name: egress-only, namespace: a}
                        spec:
                          types: [Egress]
                          egress: [{action: Deny}]
                        """).tcp(pod("b/client-0"), pod("a/web-0"), 8080);
        assertThat(v.enforced().ingress().action()).isEqualTo(Verdict.Allow);
        assertThat(hits(v.enforced().ingress())).containsExactly("|Profile|kns.a|0|Allow");
    }

    @Test
    void ingressRulesOfAnEgressOnlyPolicyAreIgnored() {
        FlowVerdict v = Scenario.with("""
                        apiVersion: projectcalico.org/v3
                        kind: NetworkPolicy
                        metadata: {name: p, namespace: a}
                        spec:
                          types: [Egress]
                          ingress: [{action: Deny}]
                        """).tcp(pod("b/client-0"), pod("a/web-0"), 8080);
        assertThat(v.action()).isEqualTo(Verdict.Allow);
    }

    @Test
    void bothTypesWithoutEgressRulesDenyEgressAtTheEndOfTheTier() {
        FlowVerdict v = Scenario.with("""
                        apiVersion: projectcalico.org/v3
                        kind: NetworkPolicy
                        metadata: {name: lockdown, namespace: a}
                        spec:
                          types: [Ingress, Egress]
                          ingress: [{action: Allow}]
                        """).tcp(pod("a/web-0"), ip("8.8.8.8"), 443);
        assertThat(hits(v.enforced().egress())).containsExactly("default|EndOfTier|lockdown|-1|Deny");
    }

    @Test
    void omittedTypesWithOnlyEgressRulesMeanEgressOnlyForCalicoPolicies() {
        Scenario s = Scenario.with("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: p, namespace: a}
                spec:
                  egress: [{action: Deny}]
                """);
        assertThat(s.tcp(pod("b/client-0"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Allow);
        assertThat(s.tcp(pod("a/web-0"), pod("b/client-0"), 8080).action()).isEqualTo(Verdict.Deny);
    }

    @Test
    void aCalicoPolicyWithoutRulesAndTypesDeniesOnlyIngress() {
        Scenario s = Scenario.with("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: p, namespace: a}
                spec: {}
                """);
        assertThat(s.tcp(pod("b/client-0"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Deny);
        assertThat(s.tcp(pod("a/web-0"), pod("b/client-0"), 8080).action()).isEqualTo(Verdict.Allow);
    }

    @Test
    void aKubernetesPolicyWithEgressRulesAndNoPolicyTypesAppliesToBothDirections() {
        Scenario s = Scenario.with("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: k, namespace: a}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  egress: [{to: [{ipBlock: {cidr: 10.9.0.0/16}}]}]
                """);
        FlowVerdict in = s.tcp(pod("b/client-0"), pod("a/web-0"), 8080);
        assertThat(hits(in.enforced().ingress())).containsExactly("default|EndOfTier|k|-1|Deny");
        assertThat(s.tcp(pod("a/web-0"), ip("10.9.1.1"), 80)
                        .enforced()
                        .egress()
                        .hits()
                        .get(0)
                        .kind())
                .isEqualTo("KubernetesNetworkPolicy");
    }

    private static Scenario namespaceSelector(String nsSelector) {
        return Scenario.with("""
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkSet
                metadata: {name: outside, labels: {app: client}}
                spec: {nets: [192.0.2.0/24]}
                ---
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: p, namespace: a}
                spec:
                  selector: app == 'web'
                  ingress:
                  - action: Allow
                    source: {selector: app == 'client', namespaceSelector: "%s"}
                """.formatted(nsSelector));
    }

    @Test
    void anEmptyNamespaceSelectorInANamespacedPolicyMeansTheOwnNamespace() {
        Scenario s = namespaceSelector("");
        assertThat(s.tcp(pod("b/client-0"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Deny);
        assertThat(s.tcp(ip("192.0.2.5"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Deny);
    }

    @Test
    void namespaceSelectorAllMeansAnyNamespaceButNoGlobalNetworkSets() {
        Scenario s = namespaceSelector("all()");
        assertThat(s.tcp(pod("b/client-0"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Allow);
        assertThat(s.tcp(ip("192.0.2.5"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Deny);
    }

    @Test
    void namespaceSelectorGlobalMeansOnlyNonNamespacedPeers() {
        Scenario s = namespaceSelector("global()");
        assertThat(s.tcp(pod("b/client-0"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Deny);
        assertThat(s.tcp(ip("192.0.2.5"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Allow);
    }

    @Test
    void anEmptyNamespaceSelectorInAGlobalPolicyMeansEverything() {
        Scenario s = Scenario.with("""
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkSet
                metadata: {name: outside, labels: {app: client}}
                spec: {nets: [192.0.2.0/24]}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: g}
                spec:
                  selector: app == 'web'
                  ingress: [{action: Allow, source: {selector: app == 'client'}}]
                """);
        assertThat(s.tcp(pod("b/client-0"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Allow);
        assertThat(s.tcp(ip("192.0.2.5"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Allow);
        assertThat(s.tcp(ip("198.51.100.1"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Deny);
    }

    @Test
    void aNotSelectorAloneInANamespacedPolicyOnlyMatchesThatNamespace() {
        Scenario s = Scenario.with("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: p, namespace: a}
                spec:
                  selector: app == 'web'
                  ingress: [{action: Allow, source: {notSelector: app == 'db'}}]
                """);
        assertThat(s.tcp(pod("a/db-0"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Deny);
        assertThat(s.tcp(pod("a/web-0"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Allow);
        assertThat(s.tcp(pod("b/client-0"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Deny);
        assertThat(s.tcp(ip("8.8.8.8"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Deny);
    }

    @Test
    void aNotSelectorAloneInAGlobalPolicyMatchesEverythingButTheSelected() {
        Scenario s = Scenario.with("""
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: g}
                spec:
                  selector: app == 'web'
                  ingress: [{action: Allow, source: {notSelector: app == 'db'}}]
                """);
        assertThat(s.tcp(pod("a/db-0"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Deny);
        assertThat(s.tcp(pod("b/client-0"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Allow);
        assertThat(s.tcp(ip("8.8.8.8"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Allow);
    }

    @Test
    void aRuleWithOnlyNetsInANamespacedPolicyIsNotNamespaceScoped() {
        Scenario s = Scenario.with("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: p, namespace: a}
                spec:
                  selector: app == 'web'
                  ingress: [{action: Allow, source: {nets: [10.0.1.0/24, 8.8.8.0/24]}}]
                """);
        assertThat(s.tcp(pod("b/client-0"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Allow);
        assertThat(s.tcp(ip("8.8.8.8"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Allow);
    }

    @Test
    void aPodAddressInsideANetworkSetMatchesTheSetsSelector() {
        Scenario s = Scenario.with("""
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkSet
                metadata: {name: clients, labels: {role: trusted}}
                spec: {nets: [10.0.1.0/24]}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: g}
                spec:
                  selector: app == 'web'
                  ingress: [{action: Allow, source: {selector: role == 'trusted'}}]
                """);
        assertThat(s.tcp(pod("b/client-0"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Allow);
        assertThat(s.tcp(pod("a/db-0"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Deny);
    }

    @Test
    void aNamespacedNetworkSetIsMatchedThroughItsNamespaceLabels() {
        Scenario s = Scenario.with("""
                apiVersion: projectcalico.org/v3
                kind: NetworkSet
                metadata: {name: partners, namespace: a, labels: {kind: partner}}
                spec: {nets: [203.0.113.0/24]}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: g}
                spec:
                  selector: app == 'web'
                  ingress: [{action: Allow, source: {namespaceSelector: team == 'x', selector: kind == 'partner'}}]
                """);
        assertThat(s.tcp(ip("203.0.113.7"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Allow);
    }

    @Test
    void kubernetesPeersNeverMatchNetworkSets() {
        Scenario s = Scenario.with("""
                apiVersion: projectcalico.org/v3
                kind: NetworkSet
                metadata: {name: partners, namespace: a, labels: {app: client}}
                spec: {nets: [203.0.113.0/24]}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: k, namespace: a}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  ingress: [{from: [{podSelector: {matchLabels: {app: client}}}]}]
                """);
        assertThat(s.tcp(ip("203.0.113.7"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Deny);
    }

    @Test
    void namedPortsResolvePerEndpointAndProtocol() {
        Scenario s = Scenario.with("""
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: g}
                spec:
                  selector: has(app)
                  ingress: [{action: Allow, destination: {ports: [http]}}]
                """);
        assertThat(s.tcp(pod("b/client-0"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Allow);
        assertThat(s.tcp(pod("b/client-0"), pod("a/db-0"), 8080).action()).isEqualTo(Verdict.Deny);
        assertThat(s.tcp(pod("b/client-0"), pod("a/db-0"), 9000).action()).isEqualTo(Verdict.Deny);
        assertThat(s.udp(pod("b/client-0"), pod("a/db-0"), 9000).action()).isEqualTo(Verdict.Allow);
    }

    @Test
    void notNetsOfTheOtherAddressFamilyNeverMatch() {
        Scenario s = Scenario.with("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: p, namespace: a}
                spec:
                  selector: app == 'web'
                  ingress: [{action: Allow, source: {notNets: ['fd00::/8']}}]
                """);
        assertThat(s.tcp(ip("8.8.8.8"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Deny);
    }

    @Test
    void equalOrdersAreBrokenByNameThenNamespaceThenKind() {
        Scenario s = Scenario.with("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: foo, namespace: a}
                spec: {order: 10, ingress: [{action: Deny}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: foo-bar, namespace: a}
                spec: {order: 10, ingress: [{action: Allow}]}
                """);
        assertThat(hits(s.tcp(pod("b/client-0"), pod("a/web-0"), 8080)
                        .enforced()
                        .ingress()))
                .containsExactly("default|NetworkPolicy|foo-bar|0|Allow");
    }

    @Test
    void aGlobalPolicySortsBeforeANamespacedOneOfTheSameName() {
        Scenario s = Scenario.with("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: same, namespace: a}
                spec: {order: 10, ingress: [{action: Deny}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: same}
                spec: {order: 10, ingress: [{action: Allow}]}
                """);
        assertThat(s.tcp(pod("b/client-0"), pod("a/web-0"), 8080)
                        .enforced()
                        .ingress()
                        .hits()
                        .get(0)
                        .kind())
                .isEqualTo("GlobalNetworkPolicy");
    }

    @Test
    void aPolicyWithoutOrderRunsAfterKubernetesPolicies() {
        Scenario s = Scenario.with("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: aaa, namespace: a}
                spec: {ingress: [{action: Deny}]}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: zzz, namespace: a}
                spec:
                  podSelector: {}
                  ingress: [{}]
                """);
        assertThat(hits(s.tcp(pod("b/client-0"), pod("a/web-0"), 8080)
                        .enforced()
                        .ingress()))
                .containsExactly("default|KubernetesNetworkPolicy|zzz|0|Allow");
    }

    @Test
    void aTierWithoutOrderRunsAfterKubeBaselineAndEqualOrdersGoByName() {
        Scenario s = Scenario.with("""
                apiVersion: projectcalico.org/v3
                kind: Tier
                metadata: {name: last}
                spec: {}
                ---
                apiVersion: projectcalico.org/v3
                kind: Tier
                metadata: {name: aaa}
                spec: {order: 1000, defaultAction: Pass}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: in-last}
                spec: {tier: last, ingress: [{action: Deny}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: in-baseline}
                spec: {tier: kube-baseline, ingress: [{action: Pass}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: in-aaa}
                spec: {tier: aaa, ingress: [{action: Pass}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: in-admin}
                spec: {tier: kube-admin, ingress: [{action: Pass}]}
                """);
        assertThat(hits(s.tcp(pod("b/client-0"), pod("a/web-0"), 8080)
                        .enforced()
                        .ingress()))
                .containsExactly(
                        "aaa|GlobalNetworkPolicy|in-aaa|0|Pass",
                        "kube-admin|GlobalNetworkPolicy|in-admin|0|Pass",
                        "kube-baseline|GlobalNetworkPolicy|in-baseline|0|Pass",
                        "last|GlobalNetworkPolicy|in-last|0|Deny");
    }

    @Test
    void stagedPoliciesOnlyChangeThePendingVerdictAndNeverReplaceTheEnforcedTwin() {
        Scenario s = Scenario.with("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: p, namespace: a}
                spec: {order: 10, ingress: [{action: Allow}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: StagedNetworkPolicy
                metadata: {name: p, namespace: a}
                spec: {order: 10, ingress: [{action: Deny}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: StagedNetworkPolicy
                metadata: {name: deny-first, namespace: a}
                spec: {order: 5, ingress: [{action: Deny}], types: [Egress]}
                """);
        FlowVerdict v = s.tcp(pod("b/client-0"), pod("a/web-0"), 8080);
        assertThat(v.action()).isEqualTo(Verdict.Allow);
        assertThat(v.pendingAction()).isEqualTo(Verdict.Allow);
        assertThat(hits(v.pending().ingress())).containsExactly("default|NetworkPolicy|p|0|Allow");
    }

    @Test
    void aStagedDeletionIsIgnored() {
        Scenario s = Scenario.with("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: p, namespace: a}
                spec: {ingress: [{action: Deny}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: StagedNetworkPolicy
                metadata: {name: p, namespace: a}
                spec: {stagedAction: Delete}
                """);
        assertThat(s.tcp(pod("b/client-0"), pod("a/web-0"), 8080).pendingAction())
                .isEqualTo(Verdict.Deny);
    }

    @Test
    void aStagedOnlyTierIsInvisibleWhenEnforcedAndDeniesWhenPending() {
        FlowVerdict v = Scenario.with("""
                        apiVersion: projectcalico.org/v3
                        kind: StagedGlobalNetworkPolicy
                        metadata: {name: s1}
                        spec: {selector: app == 'web', ingress: [{action: Log}]}
                        ---
                        apiVersion: projectcalico.org/v3
                        kind: StagedGlobalNetworkPolicy
                        metadata: {name: s2}
                        spec: {selector: app == 'web', ingress: [{action: Allow, protocol: UDP}]}
                        """).tcp(pod("b/client-0"), pod("a/web-0"), 8080);
        assertThat(hits(v.enforced().ingress())).containsExactly("|Profile|kns.a|0|Allow");
        assertThat(hits(v.pending().ingress())).containsExactly("default|EndOfTier|s1|-1|Deny");
    }

    @Test
    void theEnforcedEndOfTierHitNamesTheLastPolicyAndThePendingOneTheFirst() {
        FlowVerdict v = Scenario.with("""
                        apiVersion: projectcalico.org/v3
                        kind: NetworkPolicy
                        metadata: {name: first, namespace: a}
                        spec: {order: 1, ingress: [{action: Allow, protocol: UDP}]}
                        ---
                        apiVersion: projectcalico.org/v3
                        kind: NetworkPolicy
                        metadata: {name: second, namespace: a}
                        spec: {order: 2, ingress: [{action: Allow, protocol: UDP}]}
                        ---
                        apiVersion: projectcalico.org/v3
                        kind: StagedNetworkPolicy
                        metadata: {name: third, namespace: a}
                        spec: {order: 3, ingress: [{action: Allow, protocol: UDP}]}
                        """).tcp(pod("b/client-0"), pod("a/web-0"), 8080);
        assertThat(hits(v.enforced().ingress())).containsExactly("default|EndOfTier|second|-1|Deny");
        assertThat(hits(v.pending().ingress())).containsExactly("default|EndOfTier|first|-1|Deny");
    }

    @Test
    void logNeverDecides() {
        FlowVerdict v = Scenario.with("""
                        apiVersion: projectcalico.org/v3
                        kind: NetworkPolicy
                        metadata: {name: log, namespace: a}
                        spec: {ingress: [{action: Log}]}
                        """).tcp(pod("b/client-0"), pod("a/web-0"), 8080);
        assertThat(hits(v.enforced().ingress())).containsExactly("default|EndOfTier|log|-1|Deny");
    }

    @Test
    void httpCriteriaAreIgnoredAtLayerFour() {
        FlowVerdict v = Scenario.with("""
                        apiVersion: projectcalico.org/v3
                        kind: NetworkPolicy
                        metadata: {name: p, namespace: a}
                        spec:
                          ingress: [{action: Allow, protocol: TCP, http: {methods: [GET], paths: [{prefix: /api}]}}]
                        """).tcp(pod("b/client-0"), pod("a/web-0"), 8080);
        assertThat(v.action()).isEqualTo(Verdict.Allow);
    }

    @Test
    void notEqualsIsTrueWhenTheLabelIsAbsent() {
        Scenario s = Scenario.with("""
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: g}
                spec:
                  selector: app == 'web'
                  ingress: [{action: Allow, source: {selector: tier != 'x'}}]
                """);
        assertThat(s.tcp(pod("b/client-0"), pod("a/web-0"), 8080).action()).isEqualTo(Verdict.Allow);
    }

    @Test
    void aFlowIsAllowedOnlyWhenBothDirectionsAllow() {
        FlowVerdict v = Scenario.with("""
                        apiVersion: projectcalico.org/v3
                        kind: NetworkPolicy
                        metadata: {name: p, namespace: b}
                        spec: {types: [Egress], egress: [{action: Deny}]}
                        """).tcp(pod("b/client-0"), pod("a/web-0"), 8080);
        assertThat(v.enforced().ingress().action()).isEqualTo(Verdict.Allow);
        assertThat(v.action()).isEqualTo(Verdict.Deny);
    }

    @Test
    void anAddressOfAKnownPodIsThatPod() {
        FlowVerdict v = Scenario.with("").tcp(ip("10.0.1.1"), ip("10.0.0.1"), 8080);
        assertThat(v.enforced().egress()).isNotNull();
        assertThat(hits(v.enforced().ingress())).containsExactly("|Profile|kns.a|0|Allow");
    }

    @Test
    void anExternalSideHasNoDirection() {
        FlowVerdict v = Scenario.with("").tcp(ip("8.8.8.8"), pod("a/web-0"), 8080);
        assertThat(v.enforced().egress()).isNull();
    }

    @Test
    void clusterNetworkPoliciesLandInTheKubeTiersAndPassOnByDefault() {
        Scenario s = Scenario.with("""
                apiVersion: policy.networking.k8s.io/v1alpha2
                kind: ClusterNetworkPolicy
                metadata: {name: admin}
                spec:
                  tier: Admin
                  priority: 5
                  subject: {namespaces: {matchLabels: {team: x}}}
                  ingress:
                  - action: Deny
                    from: [{namespaces: {}}]
                    protocols: [{tcp: {destinationPort: {number: 22}}}]
                  - action: Accept
                    from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: client}}}}]
                    protocols: [{destinationNamedPort: http}]
                """);
        assertThat(hits(s.tcp(pod("b/client-0"), pod("a/web-0"), 8080)
                        .enforced()
                        .ingress()))
                .containsExactly("kube-admin|ClusterNetworkPolicy|admin|1|Allow");
        assertThat(hits(s.tcp(pod("b/client-0"), pod("a/web-0"), 22).enforced().ingress()))
                .containsExactly("kube-admin|ClusterNetworkPolicy|admin|0|Deny");
        assertThat(hits(s.tcp(pod("a/db-0"), pod("a/web-0"), 9999).enforced().ingress()))
                .containsExactly("|Profile|kns.a|0|Allow");
    }

    @Test
    void kubernetesRulesAreConvertedPerProtocolThenPeer() {
        Scenario s = Scenario.with("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: k, namespace: a}
                spec:
                  podSelector: {}
                  ingress:
                  - from: [{ipBlock: {cidr: 192.0.2.0/24}}, {namespaceSelector: {}}]
                    ports: [{protocol: UDP, port: 53}, {port: 8080}]
                """);
        assertThat(hits(s.tcp(pod("b/client-0"), pod("a/web-0"), 8080)
                        .enforced()
                        .ingress()))
                .containsExactly("default|KubernetesNetworkPolicy|k|1|Allow");
        assertThat(hits(s.udp(ip("192.0.2.1"), pod("a/web-0"), 53).enforced().ingress()))
                .containsExactly("default|KubernetesNetworkPolicy|k|2|Allow");
    }

    @Test
    void untrackedAndPreDnatPoliciesDoNotTakePartInNormalEvaluation() {
        FlowVerdict v = Scenario.with("""
                        apiVersion: projectcalico.org/v3
                        kind: GlobalNetworkPolicy
                        metadata: {name: raw}
                        spec: {doNotTrack: true, applyOnForward: true, ingress: [{action: Deny}]}
                        """).tcp(pod("b/client-0"), pod("a/web-0"), 8080);
        assertThat(hits(v.enforced().ingress())).containsExactly("|Profile|kns.a|0|Allow");
    }
}
