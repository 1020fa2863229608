package dev.tierdeck.preview;

import static dev.tierdeck.preview.PreviewFixture.HOUR_AGO;
import static dev.tierdeck.preview.PreviewFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.eval.Change;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.flow.FlowRecord;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ReplayedImpactPreviewsTest {

    private static final String WEB_TO_API = "checkout/web-6c7d8e9f1-*";
    private static final String API = "payments/api-7d9f8c6b5-*";

    final ReplayedImpactPreviews previews = PreviewFixture.previews(PreviewFixture.history());

    @Test
    void countsFlowsAndConnectionsTheChangeFlips() {
        ImpactPreview preview = previews.preview(PreviewFixture.change(), null, HOUR_AGO, NOW);

        assertThat(preview.flows()).isEqualTo(5);
        assertThat(preview.unmapped()).isEqualTo(1);
        // 8080 from the web shop: 5 connections by its own count (the API counted 4 of the same)
        assertThat(preview.newlyDenied()).isEqualTo(5);
        // the catalog on 8080 (2) and the web shop on 8443 (1)
        assertThat(preview.newlyAllowed()).isEqualTo(3);
        assertThat(preview.newlyDeniedFlows()).isEqualTo(1);
        assertThat(preview.newlyAllowedFlows()).isEqualTo(2);
        assertThat(preview.changes())
                .extracting(c -> c.source() + " -> " + c.destination() + " " + c.protocol() + "/" + c.port() + " "
                        + c.before() + "->" + c.after() + " x" + c.count())
                .containsExactly(
                        WEB_TO_API + " -> " + API + " TCP/8080 Allow->Deny x5",
                        "catalog/search-* -> " + API + " TCP/8080 Deny->Allow x2",
                        WEB_TO_API + " -> " + API + " TCP/8443 Deny->Allow x1");
    }

    @Test
    void listsAtMostTheConfiguredNumberOfChangesMostFrequentFirstAndStillCountsThemAll() {
        ImpactPreview preview = PreviewFixture.previews(PreviewFixture.history(), 2)
                .preview(PreviewFixture.change(), null, HOUR_AGO, NOW);

        assertThat(preview.changes())
                .extracting(c -> c.protocol() + "/" + c.port() + " x" + c.count())
                .containsExactly("TCP/8080 x5", "TCP/8080 x2");
        assertThat(preview.newlyAllowed()).isEqualTo(3);
        assertThat(preview.newlyAllowedFlows()).isEqualTo(2);
        assertThat(preview.flows()).isEqualTo(5);
    }

    @Test
    void explainsTheDecidingTierPolicyAndRuleBeforeAndAfter() {
        ImpactPreview preview = previews.preview(PreviewFixture.change(), null, HOUR_AGO, NOW, PreviewFixture.ADMIN);

        assertThat(preview.changes().getFirst().explanation())
                .isEqualTo("Before: allowed — Egress from checkout/web-6c7d8e9f1-klmno: allowed by the namespace "
                        + "profile kns.checkout: no policy decided this pod's egress; Ingress to "
                        + "payments/api-7d9f8c6b5-abcde: allowed by tier default, policy payments/allow-web, ingress "
                        + "rule 1. After: denied — Ingress to payments/api-7d9f8c6b5-abcde: denied at the end of tier "
                        + "default: policy payments/allow-web applies to the pod but none of its ingress rules "
                        + "matched, and the tier's default action is Deny.");
        assertThat(preview.changes().getLast().explanation())
                .endsWith("allowed by tier default, policy payments/allow-web, ingress rule 2.");
    }

    @Test
    void namesTheOwnersAndPurposeOfAnUpperTier() {
        Change quarantine = Change.of(ManifestReader.read("change", """
                        apiVersion: projectcalico.org/v3
                        kind: GlobalNetworkPolicy
                        metadata: {name: quarantine-catalog}
                        spec:
                          tier: security
                          order: 5
                          namespaceSelector: team == 'catalog'
                          types: [Egress]
                          egress: [{action: Deny}]
                        """).objects());

        ImpactPreview preview = previews.preview(quarantine, null, HOUR_AGO, NOW);

        assertThat(preview.newlyDeniedFlows()).isEqualTo(1);
        assertThat(preview.newlyAllowedFlows()).isZero();
        assertThat(preview.changes()).singleElement().satisfies(c -> {
            assertThat(c.source()).isEqualTo("catalog/search-*");
            assertThat(c.destination()).isEqualTo(WEB_TO_API);
            assertThat(c.explanation())
                    .endsWith("After: denied — Egress from catalog/search-0: denied by tier security, policy "
                            + "quarantine-catalog, egress rule 1 — owned by tierdeck-security-admins "
                            + "(Organisation-wide security rules).");
        });
    }

    @Test
    void evidenceNamesOnlyThePoliciesEveryReaderOfTheChangeMayRead() {
        // kept as evidence of a change in catalog: its readers do not read payments' policies
        ImpactPreview catalog = previews.preview(PreviewFixture.change(), List.of("catalog"), HOUR_AGO, NOW);
        assertThat(catalog.changes())
                .allSatisfy(c -> assertThat(c.explanation()).doesNotContain("allow-web"))
                .anySatisfy(c -> assertThat(c.explanation())
                        .contains("allowed by tier default, a policy of team payments")
                        .doesNotContain("ingress rule 1", "ingress rule 2"));

        // as evidence of a change in payments, its own policy is named
        ImpactPreview payments = previews.preview(PreviewFixture.change(), List.of("payments"), HOUR_AGO, NOW);
        assertThat(payments.changes())
                .anySatisfy(c -> assertThat(c.explanation()).contains("policy payments/allow-web, ingress rule"));
    }

    @Test
    void aNamespacedPreviewReplaysOnlyFlowsTouchingTheNamespace() {
        ImpactPreview preview = previews.preview(PreviewFixture.change(), List.of("catalog"), HOUR_AGO, NOW);

        // catalog -> payments on 8080 and catalog -> checkout on 80
        assertThat(preview.flows()).isEqualTo(2);
        assertThat(preview.unmapped()).isZero();
        assertThat(preview.newlyAllowed()).isEqualTo(2);
        assertThat(preview.newlyDenied()).isZero();
    }

    @Test
    void saysWhyFlowsCouldNotBeMapped() {
        ImpactPreview preview = previews.preview(PreviewFixture.change(), null, HOUR_AGO, NOW);

        assertThat(preview.unmappedReasons())
                .containsExactly("1 flow: no current pod matches the observed workload; it was deleted or relabelled "
                        + "since (e.g. source checkout/gone-5f4e3d2c1-*: no current pod of that name with labels "
                        + "{app=gone}).");
    }

    @Test
    void aWindowWithFewFlowsIsThinAndAnEmptyOneChangesNothing() {
        ImpactPreview few = previews.preview(PreviewFixture.change(), null, HOUR_AGO, NOW);
        assertThat(few.thinHistory()).isTrue();

        ImpactPreview empty = previews.preview(PreviewFixture.change(), null, NOW, NOW.plusSeconds(3600));
        assertThat(empty.flows()).isZero();
        assertThat(empty.changes()).isEmpty();
        assertThat(empty.thinHistory()).isTrue();

        List<FlowRecord> busy = new java.util.ArrayList<>();
        for (int port = 1; port <= 20; port++) {
            busy.add(PreviewFixture.record(
                    "checkout",
                    PreviewFixture.WEB,
                    "web",
                    "payments",
                    PreviewFixture.API,
                    "api",
                    9000 + port,
                    dev.tierdeck.flow.Reporter.Src,
                    dev.tierdeck.flow.FlowAction.Deny,
                    1));
        }
        assertThat(PreviewFixture.previews(busy)
                        .preview(PreviewFixture.change(), null, HOUR_AGO, NOW)
                        .thinHistory())
                .isFalse();
    }

    @Test
    void aFewFlowsCarryingManyConnectionsAreNotAThinHistory() {
        List<FlowRecord> repeated = List.of(PreviewFixture.record(
                "checkout",
                PreviewFixture.WEB,
                "web",
                "payments",
                PreviewFixture.API,
                "api",
                8080,
                dev.tierdeck.flow.Reporter.Src,
                dev.tierdeck.flow.FlowAction.Allow,
                166_666));
        ImpactPreview preview = PreviewFixture.previews(repeated).preview(PreviewFixture.change(), null, HOUR_AGO, NOW);
        assertThat(preview.flows()).isEqualTo(1);
        assertThat(preview.thinHistory()).isFalse();
    }

    @Test
    void survivesAJsonRoundTrip() {
        ImpactPreview preview = previews.preview(PreviewFixture.change(), null, HOUR_AGO, NOW);
        JsonMapper json = JsonMapper.builder().build();

        ImpactPreview back = json.readValue(json.writeValueAsString(preview), ImpactPreview.class);

        assertThat(back).isEqualTo(preview);
    }
}
