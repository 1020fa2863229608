package dev.tierdeck.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowCounts;
import dev.tierdeck.flow.FlowEndpoint;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.flow.Reporter;
import dev.tierdeck.policy.TestUsers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

/** Observed flows judged against the assertions: a flow the cluster allowed against a deny assertion is flagged. */
@AssertionPortalTest
@RecordApplicationEvents
class ObservedContradictionsTest {

    static final FlowEndpoint DEBUG = FlowEndpoint.workload("sandbox", "debug-shell", Map.of("app", "debug-shell"));
    static final FlowEndpoint WORKER =
            FlowEndpoint.workload("payments", "payments-worker-5c8d7f9b4-*", Map.of("app", "payments-worker"));
    static final FlowEndpoint API =
            FlowEndpoint.workload("payments", "payments-api-7d9f8c6b5-*", Map.of("app", "payments-api"));
    static final FlowEndpoint FRONTEND =
            FlowEndpoint.workload("checkout", "checkout-frontend-8f7c6d5b9-*", Map.of("app", "checkout-frontend"));

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FlowStore flows;

    @Autowired
    ObservedContradictions observed;

    @Autowired
    ClusterAssertions cluster;

    @Autowired
    AssertionStore store;

    @Autowired
    ApplicationEvents events;

    @BeforeEach
    void empty() {
        jdbc.sql("delete from connectivity_assertion").update();
        jdbc.sql("delete from flow_bucket").update();
    }

    static FlowRecord record(Instant at, FlowEndpoint from, FlowEndpoint to, int port, FlowAction action) {
        return new FlowRecord(
                at,
                at.plusSeconds(30),
                from,
                to,
                "TCP",
                port,
                Reporter.Src,
                action,
                List.of(),
                List.of(),
                new FlowCounts(10, 10, 1000, 1000, 3, 3, 0));
    }

    @Test
    void anAllowedFlowAgainstADenyAssertionIsFlaggedWithTheLatestExampleAndAnnounced() throws Exception {
        mvc.perform(post("/api/v1/assertions")
                        .with(TestUsers.ADMIN.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(AssertionApiTest.SANDBOX_NEVER_PCI))
                .andExpect(status().isCreated());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        flows.ingest(List.of(
                record(now.minusSeconds(600), DEBUG, WORKER, 9090, FlowAction.Allow),
                record(now.minusSeconds(300), DEBUG, API, 8080, FlowAction.Deny),
                record(now.minusSeconds(120), FRONTEND, API, 8080, FlowAction.Allow)));
        StoredAssertion a = store.all().getFirst();

        ObservedContradictions.Window w =
                observed.judge(cluster.cluster(), store.all(), now.minusSeconds(3600), now.plusSeconds(60));

        ObservedContradictions.Judged judged = w.of(a.id());
        assertThat(judged.flows()).isEqualTo(1);
        assertThat(judged.latest().getFirst().connection())
                .isEqualTo("sandbox/debug-shell → payments/payments-worker-5c8d7f9b4-* TCP 9090");
        assertThat(judged.latest().getFirst().verdict()).isEqualTo("allowed");
        assertThat(events.stream(AssertionViolated.class)
                        .filter(e -> e.source() == AssertionViolated.Source.OBSERVED_FLOW))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.name()).isEqualTo("sandbox-never-reaches-pci");
                    assertThat(e.where()).startsWith("sandbox/debug-shell → payments/payments-worker");
                });

        // judged again: still flagged, not announced twice
        observed.judge(cluster.cluster(), store.all(), now.minusSeconds(3600), now.plusSeconds(60));
        assertThat(events.stream(AssertionViolated.class)
                        .filter(e -> e.source() == AssertionViolated.Source.OBSERVED_FLOW))
                .hasSize(1);
    }

    @Test
    void aFlowOutsideTheWindowOrAgreeingWithTheAssertionIsNotFlagged() throws Exception {
        mvc.perform(post("/api/v1/assertions")
                        .with(TestUsers.ADMIN.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(AssertionApiTest.SANDBOX_NEVER_PCI))
                .andExpect(status().isCreated());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        flows.ingest(List.of(
                record(now.minus(3, ChronoUnit.HOURS), DEBUG, WORKER, 9090, FlowAction.Allow),
                record(now.minusSeconds(60), DEBUG, WORKER, 9091, FlowAction.Deny)));

        ObservedContradictions.Window w =
                observed.judge(cluster.cluster(), store.all(), now.minusSeconds(3600), now.plusSeconds(60));

        assertThat(w.of(store.all().getFirst().id()).flows()).isZero();
        assertThat(w.read()).isEqualTo(1);
    }

    @Test
    void theClusterAsItIsAnnouncesAViolationOnceUntilItHolds() throws Exception {
        long before = events.stream(AssertionViolated.class)
                .filter(e -> e.source() == AssertionViolated.Source.CLUSTER)
                .count();
        mvc.perform(post("/api/v1/assertions")
                        .with(TestUsers.ADMIN.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(AssertionApiTest.SANDBOX_NEVER_PCI))
                .andExpect(status().isCreated());

        cluster.today();
        cluster.today();

        assertThat(events.stream(AssertionViolated.class)
                        .filter(e -> e.source() == AssertionViolated.Source.CLUSTER)
                        .count())
                .isEqualTo(before + 1);
    }
}
