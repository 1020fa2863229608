package dev.tierdeck.flow.store;

import static dev.tierdeck.flow.Flows.flow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowFilter;
import dev.tierdeck.flow.FlowPage;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.flow.Flows;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest
class JdbcFlowStoreTest {

    @Autowired
    FlowStore store;

    @Autowired
    JdbcTemplate jdbc;

    // a fixed minute, recent enough to be inside the retention
    final Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);

    @BeforeEach
    void empty() {
        jdbc.execute("truncate flow_bucket");
    }

    @Test
    void sameKeyInSameBucketIsSummed() {
        FlowRecord a = flow(t0, "payments", "api-*", "db", "pg-*", 5432);
        FlowRecord b = flow(t0.plusSeconds(15), "payments", "api-*", "db", "pg-*", 5432);
        store.ingest(List.of(a));
        store.ingest(List.of(b));

        FlowPage page = store.query(FlowFilter.window(t0, t0.plusSeconds(3600)), 0, 10);

        assertThat(page.total()).isEqualTo(1);
        FlowRecord stored = page.items().getFirst().flow();
        assertThat(stored.counts().packetsIn()).isEqualTo(20);
        assertThat(stored.counts().connectionsStarted()).isEqualTo(2);
        assertThat(stored.start()).isEqualTo(t0);
        assertThat(stored.end()).isEqualTo(t0.plusSeconds(30));
        assertThat(stored.enforced()).isEqualTo(a.enforced());
        assertThat(stored.source().labels()).containsEntry("app", "api");
    }

    @Test
    void differentBucketsOrKeysStaySeparate() {
        store.ingest(List.of(
                flow(t0, "payments", "api-*", "db", "pg-*", 5432),
                flow(t0.plusSeconds(60), "payments", "api-*", "db", "pg-*", 5432),
                flow(t0, "payments", "api-*", "db", "pg-*", 5433)));

        assertThat(store.query(FlowFilter.window(t0, t0.plusSeconds(3600)), 0, 10)
                        .total())
                .isEqualTo(3);
    }

    @Test
    void findsFlowsTouchingANamespaceOnEitherSide() {
        store.ingest(List.of(
                flow(t0, "payments", "api-*", "db", "pg-*", 5432),
                flow(t0, "catalog", "web-*", "payments", "api-*", 8080),
                flow(t0, "catalog", "web-*", "catalog", "search-*", 9200)));

        FlowFilter window = FlowFilter.window(t0, t0.plusSeconds(60));
        assertThat(store.query(window.inNamespaces(Set.of("payments")), 0, 10).total())
                .isEqualTo(2);
        assertThat(store.query(window.inNamespaces(Set.of("db")), 0, 10).total())
                .isEqualTo(1);
        assertThat(store.query(window.inNamespaces(Set.of()), 0, 10).total()).isZero();
        assertThat(store.query(window, 0, 10).total()).isEqualTo(3);
    }

    @Test
    void filtersByActionPendingActionWorkloadPortAndPolicy() {
        FlowRecord denied =
                Flows.withAction(flow(t0, "payments", "api-*", "db", "pg-*", 5432), FlowAction.Deny, FlowAction.Deny);
        FlowRecord wouldBreak = Flows.withAction(
                flow(t0, "catalog", "web-*", "catalog", "search-*", 9200), FlowAction.Allow, FlowAction.Deny);
        FlowRecord fine = flow(t0, "catalog", "web-*", "payments", "api-*", 8080);
        store.ingest(List.of(denied, wouldBreak, fine));
        FlowFilter w = FlowFilter.window(t0, t0.plusSeconds(60));

        assertThat(store.query(w.withAction(FlowAction.Deny), 0, 10).items())
                .extracting(s -> s.flow().port())
                .containsExactly(5432);
        assertThat(store.query(w.withAction(FlowAction.Allow).withPendingAction(FlowAction.Deny), 0, 10)
                        .items())
                .extracting(s -> s.flow().port())
                .containsExactly(9200);
        assertThat(store.query(w.withWorkload("search"), 0, 10).total()).isEqualTo(1);
        assertThat(store.query(w.withWorkload("api"), 0, 10).total()).isEqualTo(2);
        assertThat(store.query(w.withPort(8080), 0, 10).total()).isEqualTo(1);
        assertThat(store.query(w.withPolicy("allow-pg"), 0, 10).total()).isEqualTo(1);
        assertThat(store.query(w.withPolicy("nope"), 0, 10).total()).isZero();
    }

    @Test
    void pagesNewestFirst() {
        List<FlowRecord> flows = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            flows.add(flow(t0.plusSeconds(60L * i), "payments", "api-*", "db", "pg-*", 5432));
        }
        store.ingest(flows);

        FlowPage second = store.query(FlowFilter.window(t0, t0.plusSeconds(3600)), 1, 10);

        assertThat(second.total()).isEqualTo(25);
        assertThat(second.totalPages()).isEqualTo(3);
        assertThat(second.items()).hasSize(10);
        assertThat(second.items().getFirst().bucket()).isEqualTo(t0.plusSeconds(60L * 14));
    }

    @Test
    void distinctFlowsAggregateAWindowAcrossBuckets() {
        store.ingest(List.of(
                flow(t0, "payments", "api-*", "db", "pg-*", 5432),
                flow(t0.plusSeconds(600), "payments", "api-*", "db", "pg-*", 5432),
                flow(t0.plusSeconds(600), "catalog", "web-*", "catalog", "search-*", 9200)));

        List<FlowRecord> all = store.distinctFlows(t0, t0.plusSeconds(3600), null);
        List<FlowRecord> payments = store.distinctFlows(t0, t0.plusSeconds(3600), Set.of("payments"));

        assertThat(all).hasSize(2);
        assertThat(payments).singleElement().satisfies(f -> {
            assertThat(f.counts().packetsIn()).isEqualTo(20);
            assertThat(f.start()).isEqualTo(t0);
            assertThat(f.end()).isEqualTo(t0.plusSeconds(615));
        });
    }

    @Test
    void ignoresFlowsOlderThanTheRetention() {
        int stored = store.ingest(List.of(flow(Instant.now().minus(30, ChronoUnit.DAYS), "a", "x-*", "b", "y-*", 1)));

        assertThat(stored).isZero();
    }
}
