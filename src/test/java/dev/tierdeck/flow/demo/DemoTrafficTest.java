package dev.tierdeck.flow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.flow.EndpointType;
import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.PolicyHitKind;
import dev.tierdeck.flow.Reporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoTrafficTest {

    static final ClusterState DEMO = demo();
    final DemoTraffic traffic = DemoTraffic.of(DEMO);

    static ClusterState demo() {
        try (InputStream in = DemoTrafficTest.class.getResourceAsStream("/demo/cluster.yaml")) {
            return ManifestReader.read("demo/cluster.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .state();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    DemoTraffic.Connection connection(String source, String destination) {
        return connection(source, destination, 0);
    }

    DemoTraffic.Connection connection(String source, String destination, int port) {
        return traffic.connections().stream()
                .filter(c -> c.source().displayName().startsWith(source)
                        && c.destination().displayName().startsWith(destination)
                        && (port == 0 || c.port() == port))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no connection " + source + " -> " + destination));
    }

    @Test
    void everyWorkloadAsksCorednsOnUdp53() {
        DemoTraffic.Connection dns = connection("checkout/cart-", "kube-system/coredns-");

        assertThat(dns.protocol()).isEqualTo("UDP");
        assertThat(dns.port()).isEqualTo(53);
        assertThat(dns.source().name()).isEqualTo("cart-6d9b8c7f4-*");
        assertThat(dns.source().labels()).containsEntry("app", "cart");
    }

    @Test
    void prometheusScrapesMetricsPorts() {
        DemoTraffic.Connection scrape = connection("monitoring/prometheus-", "db/postgres-");

        assertThat(scrape.port()).isEqualTo(9187);
        assertThat(scrape.destination().name()).isEqualTo("postgres-*");
        // the intersection of the replicas' labels: role differs between primary and replicas
        assertThat(scrape.destination().labels())
                .containsEntry("app", "postgres")
                .doesNotContainKey("role");
    }

    @Test
    void internetEgressIsReportedAsTheNetworkSetThatHoldsTheAddress() {
        DemoTraffic.Connection cards = connection("payments/payments-api-", "payments/card-processors");
        DemoTraffic.Connection internet = connection("catalog/image-resizer-", "internet", 443);

        assertThat(cards.destination().type()).isEqualTo(EndpointType.NetworkSet);
        assertThat(internet.destination().namespace()).isNull();
        assertThat(internet.port()).isEqualTo(443);
    }

    @Test
    void verdictsComeFromTheEngineOnTheCurrentCluster() {
        long denied = traffic.connections().stream()
                .filter(c -> c.verdict().action() == dev.tierdeck.engine.eval.Verdict.Deny)
                .count();
        long allowed = traffic.connections().size() - denied;

        assertThat(denied).isPositive();
        assertThat(allowed).isGreaterThan(denied * 3);
        assertThat(connection("checkout/checkout-frontend-", "checkout/cart-")
                        .verdict()
                        .action())
                .isEqualTo(dev.tierdeck.engine.eval.Verdict.Allow);
    }

    @Test
    void aSlotReportsEachConnectionByBothSidesWithTheirTraces() {
        List<FlowRecord> slot = traffic.slot(Instant.parse("2026-11-25T12:00:00Z"), Duration.ofMinutes(1));

        List<FlowRecord> cart = slot.stream()
                .filter(f -> f.source().name().startsWith("checkout-frontend")
                        && f.destination().name().startsWith("cart"))
                .toList();
        assertThat(cart).extracting(FlowRecord::reporter).containsExactlyInAnyOrder(Reporter.Src, Reporter.Dst);
        assertThat(cart).allSatisfy(f -> {
            assertThat(f.action()).isEqualTo(FlowAction.Allow);
            assertThat(f.enforced()).isNotEmpty();
            assertThat(f.counts().connectionsStarted()).isPositive();
        });
    }

    @Test
    void aConnectionDeniedOnEgressNeverReachesItsDestination() {
        List<FlowRecord> slots = traffic.slot(Instant.parse("2026-11-25T12:00:00Z"), Duration.ofHours(2));

        // the cloud metadata address, inside the demo's catch-all "internet" network set
        List<FlowRecord> metadata = slots.stream()
                .filter(f -> f.source().name().startsWith("image-resizer") && f.port() == 80)
                .toList();
        assertThat(metadata).isNotEmpty().allSatisfy(f -> {
            assertThat(f.reporter()).isEqualTo(Reporter.Src);
            assertThat(f.action()).isEqualTo(FlowAction.Deny);
            assertThat(f.enforced().getLast().action()).isEqualTo(FlowAction.Deny);
        });
    }

    @Test
    void endOfTierHitsNameTheirTrigger() {
        List<FlowRecord> flows = traffic.slot(Instant.parse("2026-11-25T12:00:00Z"), Duration.ofHours(2));

        assertThat(flows.stream().flatMap(f -> f.enforced().stream()).filter(h -> h.kind() == PolicyHitKind.EndOfTier))
                .allSatisfy(h -> {
                    assertThat(h.ruleIndex()).isEqualTo(-1);
                    assertThat(h.trigger()).isNotNull();
                    assertThat(h.trigger().name()).isEqualTo(h.name());
                });
    }

    @Test
    void theSameSlotIsGeneratedAlikeEveryTime() {
        Instant t = Instant.parse("2026-11-25T03:15:00Z");

        assertThat(traffic.slot(t, Duration.ofSeconds(15))).isEqualTo(traffic.slot(t, Duration.ofSeconds(15)));
    }
}
