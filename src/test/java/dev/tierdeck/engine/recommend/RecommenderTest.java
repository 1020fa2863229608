package dev.tierdeck.engine.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowEndpoint;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.ManifestWriter;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.engine.recommend.Recommendation.Status;
import dev.tierdeck.engine.recommend.Recommendation.Unusual;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecommenderTest {

    private static final String DEBUG_TO_CART = "ingress:shop/cart<-sandbox/debug-shell:TCP/50051";

    private static String yaml(Recommendation r) {
        return ManifestWriter.toYaml(r.policies().stream()
                .map(Recommendation.SuggestedPolicy::policy)
                .toList());
    }

    @Test
    void allowsWhatReachesTheDeveloperTierAndProvesThatNothingObservedIsNewlyDenied() {
        Recommendation r = Shop.recommend(Settings.of("shop"));

        assertThat(r.policies())
                .extracting(p -> p.policy().name())
                .containsExactly("suggested-cart", "suggested-web", "suggested-worker");
        assertThat(r.proof().flows()).isEqualTo(11);
        assertThat(r.proof().observedAllowedFlows()).isEqualTo(10);
        assertThat(r.proof().newlyDeniedFlows()).isZero();
        assertThat(r.proof().newlyAllowedFlows()).isZero();
        assertThat(r.proof().holds()).isTrue();
        assertThat(Shop.policy(r, "suggested-cart").selector()).isEqualTo("app == \"cart\"");
        assertThat(Shop.policy(r, "suggested-cart").tier()).isEqualTo("default");
        assertThat(Shop.policy(r, "suggested-cart").ingress()).hasSize(2);
    }

    @Test
    void trafficAnUpperTierDecidesIsNeitherRepeatedNorDeniedAgain() {
        Recommendation r = Shop.recommend(Settings.of("shop"));

        Recommendation.Connection dns = Shop.connection(r, "egress:shop/web->kube-system/coredns:UDP/53");
        assertThat(dns.status()).isEqualTo(Status.ALREADY_DECIDED);
        assertThat(dns.decidedBy().tier()).isEqualTo("platform");
        assertThat(dns.decidedBy().name()).isEqualTo("allow-dns");
        assertThat(yaml(r)).doesNotContain("kube-dns", "UDP");

        Recommendation.Connection pg = Shop.connection(r, "egress:shop/cart->db/pg:TCP/5432");
        assertThat(pg.status()).isEqualTo(Status.DENIED);
        assertThat(pg.decidedBy().kind()).isEqualTo("EndOfTier");
        assertThat(yaml(r)).doesNotContain("app == \"pg\"");
    }

    @Test
    void peersAreNamedByStableLabelsNeverByPodNamesOrHashes() {
        String yaml = yaml(Shop.recommend(Settings.of("shop").withLevel(Level.STRICT)));

        assertThat(yaml)
                .contains("selector: app.kubernetes.io/name == \"ingress\"")
                .contains("namespaceSelector: projectcalico.org/name == \"edge\"")
                .contains("selector: app == \"redis\"")
                .contains("selector: app == \"debug-shell\"")
                .doesNotContain("7d4b9c8f6", "6b8d9c7f5", "redis-0", "pod-template-hash", "owner");
    }

    @Test
    void portsAreNamedWhereEveryDestinationPodDeclaresTheName() {
        Recommendation r = Shop.recommend(Settings.of("shop"));

        Rule fromIngress = Shop.policy(r, "suggested-web").ingress().stream()
                .filter(rule -> rule.source().namespaceSelector() != null)
                .findFirst()
                .orElseThrow();
        assertThat(fromIngress.protocol()).isEqualTo(Protocol.TCP);
        assertThat(fromIngress.destination().ports()).containsExactly(new Port.Named("http"));
        Rule toRedis = Shop.policy(r, "suggested-cart").egress().getFirst();
        assertThat(toRedis.destination().ports()).containsExactly(new Port.Named("redis"));
        assertThat(Shop.policy(r, "suggested-worker").egress())
                .allSatisfy(rule -> assertThat(rule.destination().ports()).containsExactly(Port.Range.of(443)));
    }

    @Test
    void leavingOutTheDebugShellDeniesExactlyItsFlowAndNothingElse() {
        Recommendation r = Shop.recommend(Settings.of("shop").withLeaveOut(Set.of(DEBUG_TO_CART)));

        assertThat(Shop.connection(r, DEBUG_TO_CART).status()).isEqualTo(Status.LEFT_OUT);
        assertThat(r.proof().newlyDenied())
                .extracting(Recommendation.ProofFlow::id)
                .containsExactly("debug-cart");
        assertThat(r.proof().newlyDenied().getFirst().leftOut()).isTrue();
        assertThat(r.proof().newlyDenied().getFirst().decidedBy().getLast().kind())
                .isEqualTo("EndOfTier");
        assertThat(r.proof().unexpectedlyDenied()).isZero();
        assertThat(r.proof().holds()).isTrue();
        assertThat(yaml(r)).doesNotContain("sandbox", "debug-shell");
    }

    @Test
    void theThreeLevelsTradeRulesForBreadthAndSayWhatEachWouldAllow() {
        Recommendation strict = Shop.recommend(Settings.of("shop").withLevel(Level.STRICT));
        Recommendation workload = Shop.recommend(Settings.of("shop").withLevel(Level.WORKLOAD));
        Recommendation namespace = Shop.recommend(Settings.of("shop").withLevel(Level.NAMESPACE));

        assertThat(yaml(strict)).contains("203.0.113.9/32", "203.0.113.77/32");
        assertThat(yaml(workload)).contains("203.0.113.0/25").doesNotContain("203.0.113.9/32");
        CalicoPolicy web = Shop.policy(namespace, "suggested-web");
        assertThat(web.ingress()).anySatisfy(rule -> {
            assertThat(rule.source().namespaceSelector()).isEqualTo("projectcalico.org/name == \"edge\"");
            assertThat(rule.source().selector()).isNull();
        });
        assertThat(strict.rules()).isGreaterThan(workload.rules());
        assertThat(strict.levels())
                .extracting(Recommendation.LevelSummary::level)
                .containsExactly(Level.values());
        assertThat(strict.levels()).allSatisfy(l -> {
            assertThat(l.observedConnections()).isEqualTo(11);
            assertThat(l.allowedConnections()).isEqualTo(10);
            assertThat(l.newlyDeniedFlows()).isZero();
        });
        assertThat(strict.levels().get(0).rules()).isEqualTo(strict.rules());
        assertThat(strict.levels().get(1).rules()).isEqualTo(workload.rules());
    }

    @Test
    void aNamespaceIsTakenWholeWhenEveryOneOfItsWorkloadsWasSeen() {
        List<Observation> observations = new ArrayList<>(Shop.observations());
        observations.add(Observation.of(tcp("db/redis-0", "shop/cart-6d9b8c7f4-x2k9q", 50051)));
        observations.add(Observation.of(tcp("db/pg-0", "shop/cart-6d9b8c7f4-x2k9q", 50051)));

        Recommendation workload = Recommender.recommend(Shop.cluster(), observations, Settings.of("shop"));
        Recommendation strict = Recommender.recommend(
                Shop.cluster(), observations, Settings.of("shop").withLevel(Level.STRICT));

        assertThat(Shop.policy(workload, "suggested-cart").ingress()).anySatisfy(rule -> {
            assertThat(rule.source().namespaceSelector()).isEqualTo("projectcalico.org/name == \"db\"");
            assertThat(rule.source().selector()).isNull();
        });
        assertThat(yaml(strict)).contains("app == \"pg\"", "app == \"redis\"");
        assertThat(workload.proof().holds()).isTrue();
    }

    @Test
    void aLeftOutPeerKeepsItsNamespaceFromBeingTakenWhole() {
        List<Observation> observations = new ArrayList<>(Shop.observations());
        observations.add(Observation.of(tcp("db/redis-0", "shop/cart-6d9b8c7f4-x2k9q", 50051)));
        observations.add(Observation.of(tcp("db/pg-0", "shop/cart-6d9b8c7f4-x2k9q", 50051)));
        String fromPg = "ingress:shop/cart<-db/pg:TCP/50051";

        Recommendation r = Recommender.recommend(
                Shop.cluster(),
                observations,
                Settings.of("shop").withLevel(Level.NAMESPACE).withLeaveOut(Set.of(fromPg)));

        assertThat(yaml(r)).contains("app == \"redis\"").doesNotContain("app == \"pg\"");
        assertThat(r.proof().newlyDenied()).singleElement().satisfies(f -> {
            assertThat(f.source()).isEqualTo("db/pg-0");
            assertThat(f.leftOut()).isTrue();
        });
    }

    @Test
    void outsideAddressesBecomeTheNarrowestCidrsNoWiderThanTheWidthSetting() {
        Recommendation wide = Shop.recommend(Settings.of("shop").withPrefixes(16, 64));
        Recommendation narrow = Shop.recommend(Settings.of("shop").withPrefixes(26, 64));

        assertThat(yaml(wide)).contains("203.0.113.0/25").doesNotContain("203.0.0.0/16");
        assertThat(yaml(narrow)).contains("203.0.113.9/32", "203.0.113.77/32");
    }

    @Test
    void aLeftOutAddressIsNeverSwallowedByAWiderCidr() {
        String toSecond = "egress:shop/worker->203.0.113.77/32:TCP/443";

        Recommendation r = Shop.recommend(Settings.of("shop").withLeaveOut(Set.of(toSecond)));

        assertThat(yaml(r)).contains("203.0.113.9/32").doesNotContain("203.0.113.0/25", "203.0.113.77");
        assertThat(r.proof().newlyDenied())
                .extracting(Recommendation.ProofFlow::id)
                .containsExactly("worker-out-2");
    }

    @Test
    void addressesInsideANetworkSetAreAllowedThroughTheSet() {
        Recommendation r = Shop.recommend(Settings.of("shop"));

        assertThat(Shop.policy(r, "suggested-worker").egress())
                .anySatisfy(
                        rule -> assertThat(rule.destination().selector()).isEqualTo("partner == \"card-processor\""));
        assertThat(yaml(r)).doesNotContain("198.51.100.7", "0.0.0.0/0");
    }

    @Test
    void marksTheSandboxShellRareConnectionsAndPeersOutsideTheTeam() {
        List<Observation> observations = new ArrayList<>();
        for (Observation o : Shop.observations()) {
            long n = o.flow().id().equals("debug-cart") ? 2 : 500;
            observations.add(new Observation(o.flow(), n, null, null, o.source(), o.destination()));
        }

        Recommendation r = Recommender.recommend(
                Shop.cluster(), observations, Settings.of("shop").withUsualNamespaces(Set.of("shop")));

        assertThat(Shop.connection(r, DEBUG_TO_CART).unusual())
                .containsExactly(Unusual.SANDBOX_OR_DEBUG, Unusual.RARE, Unusual.UNUSUAL_PEER);
        assertThat(Shop.connection(r, "ingress:shop/cart<-shop/web:TCP/50051").unusual())
                .isEmpty();
        assertThat(Shop.connection(r, "ingress:shop/web<-edge/ingress:TCP/8080").unusual())
                .isEmpty();
    }

    @Test
    void oneNamespacePolicyNamesTheLocalWorkloadInEveryRule() {
        Recommendation r = Shop.recommend(Settings.of("shop").withLayout(Layout.NAMESPACE));

        assertThat(r.policies()).singleElement().satisfies(p -> {
            assertThat(p.policy().name()).isEqualTo("suggested-shop");
            assertThat(p.policy().selector()).isEqualTo("all()");
            assertThat(p.workloads()).containsExactly("shop/cart", "shop/web", "shop/worker");
        });
        CalicoPolicy policy = r.policies().getFirst().policy();
        assertThat(policy.ingress())
                .allSatisfy(
                        rule -> assertThat(rule.destination().selector()).isIn("app == \"cart\"", "app == \"web\""));
        assertThat(policy.egress())
                .allSatisfy(rule -> assertThat(rule.source().selector())
                        .isIn("app == \"cart\"", "app == \"web\"", "app == \"worker\""));
        assertThat(r.proof().holds()).isTrue();
        assertThat(r.proof().newlyDeniedFlows()).isZero();
    }

    @Test
    void oneWorkloadGetsOnlyItsOwnPolicyAndConnections() {
        Recommendation r = Shop.recommend(Settings.of("shop").withWorkload("cart"));

        assertThat(r.policies()).extracting(p -> p.policy().name()).containsExactly("suggested-cart");
        assertThat(r.connections()).allSatisfy(c -> assertThat(c.workload()).isEqualTo("shop/cart"));
        assertThat(r.proof().holds()).isTrue();
    }

    @Test
    void onlyTheChosenDirectionsAreGoverned() {
        Recommendation r = Shop.recommend(Settings.of("shop").withDirections(Directions.INGRESS));

        assertThat(r.policies()).allSatisfy(p -> {
            assertThat(p.policy().types()).containsExactly(dev.tierdeck.engine.model.PolicyType.Ingress);
            assertThat(p.policy().egress()).isEmpty();
        });
        assertThat(r.connections()).allSatisfy(c -> assertThat(c.direction()).isEqualTo("ingress"));
    }

    @Test
    void aDeveloperTierThatPassesAtItsEndGetsALastDenyRule() {
        ClusterState state =
                ManifestReader.read("shop.yaml", Shop.CLUSTER + """
                        ---
                        apiVersion: projectcalico.org/v3
                        kind: Tier
                        metadata: {name: team}
                        spec: {order: 500, defaultAction: Pass}
                        """).state();

        Recommendation r = Recommender.recommend(
                Engine.compile(state), Shop.observations(), Settings.of("shop").withTier("team"));

        assertThat(r.policies()).allSatisfy(p -> {
            assertThat(p.policy().ingress().getLast()).isEqualTo(Rule.of(RuleAction.Deny));
            assertThat(p.policy().egress().getLast()).isEqualTo(Rule.of(RuleAction.Deny));
            assertThat(p.notes()).anyMatch(n -> n.contains("a last Deny rule"));
        });
        assertThat(r.proof().holds()).isTrue();
        assertThat(r.proof().newlyDeniedFlows()).isZero();
    }

    @Test
    void theSuggestionGoesAfterTheNamespacesExistingPoliciesOfTheTier() {
        ClusterState state =
                ManifestReader.read("shop.yaml", Shop.CLUSTER + """
                        ---
                        apiVersion: projectcalico.org/v3
                        kind: NetworkPolicy
                        metadata: {name: suggested-web, namespace: shop}
                        spec: {tier: default, order: 250, selector: app == 'web', types: [Egress], egress: [{action: Allow}]}
                        """).state();

        Recommendation r = Recommender.recommend(
                Engine.compile(state),
                Shop.observations(),
                Settings.of("shop").withTakenNames(Set.of("suggested-cart")));

        assertThat(r.policies()).allSatisfy(p -> assertThat(p.policy().order()).isEqualTo(300.0));
        assertThat(r.policies())
                .extracting(p -> p.policy().name())
                .containsExactly("suggested-cart-2", "suggested-web-2", "suggested-worker");
    }

    @Test
    void anEmptyHistoryIsSaidPlainly() {
        Recommendation r = Recommender.recommend(Shop.cluster(), List.of(), Settings.of("shop"));

        assertThat(r.history().thin()).isTrue();
        assertThat(r.history().notes().getFirst())
                .startsWith("No flows of namespace shop were observed: the suggestion allows nothing");
        assertThat(r.policies()).allSatisfy(p -> {
            assertThat(p.policy().ingress()).isEmpty();
            assertThat(p.policy().egress()).isEmpty();
        });
        assertThat(r.proof().flows()).isZero();
        assertThat(r.levels()).allSatisfy(l -> assertThat(l.allowedShare()).isEqualTo(1.0));
    }

    @Test
    void aThinHistoryNamesItsTimesAndTheQuietWorkloads() {
        Instant at = Instant.parse("2026-11-26T10:00:00Z");
        List<Observation> one = List.of(new Observation(
                tcp("shop/web-7d4b9c8f6-x2x9k", "shop/cart-6d9b8c7f4-x2k9q", 50051),
                4,
                at,
                at.plusSeconds(60),
                new Observation.Seen("shop/web-7d4b9c8f6-*", null),
                new Observation.Seen("shop/cart-6d9b8c7f4-*", null)));

        Recommendation r = Recommender.recommend(Shop.cluster(), one, Settings.of("shop"));

        assertThat(r.history().notes())
                .anyMatch(n -> n.startsWith("Thin history: only 1 distinct flow touches namespace shop."))
                .anyMatch(n -> n.startsWith("Thin history: the observed traffic spans only 1 min, less than a day"))
                .anyMatch(n -> n.contains("between 2026-11-26 10:00 UTC and 2026-11-26 10:01 UTC"))
                .anyMatch(n -> n.startsWith("No traffic of shop/worker was observed"));
        Recommendation.RuleEvidence evidence = r.policies().getFirst().ingress().getFirst();
        assertThat(evidence.connections()).isEqualTo(4);
        assertThat(evidence.firstSeen()).isEqualTo(at);
        assertThat(evidence.examples()).containsExactly("shop/web-7d4b9c8f6-*");
    }

    @Test
    void outsideEndsReportedOnlyByNameBecomeTheirSetOrTheWholeNetwork() {
        Flow out = new Flow(
                "pub",
                new FlowEndpoint.PodRef("shop", "worker-59c7b8d6f-x2k9q"),
                new FlowEndpoint.Address("203.0.113.10"),
                Protocol.TCP,
                443,
                null,
                null,
                null);
        Flow partner = new Flow(
                "set",
                new FlowEndpoint.PodRef("shop", "cart-6d9b8c7f4-x2k9q"),
                new FlowEndpoint.Address("198.51.100.0"),
                Protocol.TCP,
                443,
                null,
                null,
                null);
        List<Observation> observations = List.of(
                new Observation(
                        out,
                        3,
                        null,
                        null,
                        new Observation.Seen("shop/worker-59c7b8d6f-*", null),
                        new Observation.Seen("pub", new Observation.Outside.Network(true))),
                new Observation(
                        partner,
                        3,
                        null,
                        null,
                        new Observation.Seen("shop/cart-6d9b8c7f4-*", null),
                        new Observation.Seen(
                                "shop/card-processors",
                                new Observation.Outside.NetworkSet("shop", "card-processors"))));

        Recommendation r = Recommender.recommend(Shop.cluster(), observations, Settings.of("shop"));

        Rule toPublic = Shop.policy(r, "suggested-worker").egress().getFirst();
        assertThat(toPublic.destination().nets()).containsExactly("0.0.0.0/0");
        assertThat(toPublic.destination().notNets()).contains("10.0.0.0/8", "192.168.0.0/16");
        assertThat(r.policies().stream().filter(p -> p.policy().name().equals("suggested-worker")))
                .singleElement()
                .satisfies(p -> assertThat(p.notes()).anyMatch(n -> n.contains("without addresses")));
        assertThat(Shop.policy(r, "suggested-cart")
                        .egress()
                        .getFirst()
                        .destination()
                        .selector())
                .isEqualTo("partner == \"card-processor\"");
        assertThat(r.proof().holds()).isTrue();
    }

    @Test
    void observationsOfPodsTheClusterNoLongerHasAreLeftOutAndSaidSo() {
        List<Observation> observations = new ArrayList<>(Shop.observations());
        observations.add(Observation.of(tcp("shop/gone-0", "shop/cart-6d9b8c7f4-x2k9q", 50051)));

        Recommendation r = Recommender.recommend(Shop.cluster(), observations, Settings.of("shop"));

        assertThat(r.proof().flows()).isEqualTo(11);
        assertThat(r.history().notes())
                .anyMatch(n -> n.startsWith("1 observation names a pod the cluster does not have"));
    }

    @Test
    void badSettingsAreNamedByField() {
        ClusterState state = Shop.state();

        assertThat(Recommender.check(state, Settings.of("nope")))
                .extracting(Recommender.Problem::toString)
                .containsExactly("namespace: the cluster has no namespace nope");
        assertThat(Recommender.check(state, Settings.of("shop").withWorkload("cart-6d9b8c7f4-x2k9q")))
                .extracting(Recommender.Problem::toString)
                .containsExactly(
                        "workload: namespace shop has no workload cart-6d9b8c7f4-x2k9q (its workloads: cart, web, worker)");
        assertThat(Recommender.check(state, Settings.of("shop").withTier("team")))
                .extracting(Recommender.Problem::field)
                .containsExactly("tier");
        assertThat(Recommender.check(state, Settings.of("shop").withPrefixes(4, 200)))
                .extracting(Recommender.Problem::field)
                .containsExactly("width", "width6");
        assertThatThrownBy(() -> Shop.recommend(Settings.of("nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("namespace: the cluster has no namespace nope");
    }

    @Test
    void theJsonCarriesPoliciesProofLevelsConnectionsAndHistory() {
        Map<String, Object> json =
                RecommendationJson.toMap(Shop.recommend(Settings.of("shop").withLeaveOut(Set.of(DEBUG_TO_CART))));

        assertThat(json)
                .containsKeys("summary", "policies", "proof", "levels", "connections", "history")
                .containsEntry("namespace", "shop")
                .containsEntry("level", "workload");
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) json.get("summary");
        assertThat(summary)
                .containsEntry("policies", 3)
                .containsEntry("newlyDenied", 1)
                .containsEntry("newlyDeniedUnexpectedly", 0)
                .containsEntry("holds", true);
    }

    private static Flow tcp(String from, String to, int port) {
        String[] a = from.split("/");
        String[] b = to.split("/");
        return Flow.of(
                from + "->" + to,
                new FlowEndpoint.PodRef(a[0], a[1]),
                new FlowEndpoint.PodRef(b[0], b[1]),
                Protocol.TCP,
                port);
    }
}
