package dev.tierdeck.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpServer;
import dev.tierdeck.policy.TestUsers;
import dev.tierdeck.promotion.ApprovalDecided;
import dev.tierdeck.promotion.ApprovalRequested;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks against a real HTTP receiver on this machine: deliveries are signed, retried after a 500, recorded per
 * attempt, and written only when the change they report commits.
 */
@SpringBootTest(
        properties = {
            "tierdeck.cluster.source=demo",
            "tierdeck.identity.demo.port=0",
            "tierdeck.database.embedded.database=notification_test",
            "tierdeck.flow.demo-feed.enabled=false",
            "tierdeck.notification.allowed-hosts=127.0.0.1",
            "tierdeck.notification.interval=200ms",
            "tierdeck.notification.first-retry=300ms",
            "tierdeck.notification.max-attempts=3"
        })
@AutoConfigureMockMvc
class WebhookDeliveryTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SECRET = "s3cret-s3cret-s3cret";

    /** One request as the receiver saw it. */
    record Received(String event, String delivery, String signature, String body) {}

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transaction;

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Answers 500 to this many requests first, then 200. */
    private final AtomicInteger failFirst = new AtomicInteger();

    @BeforeEach
    void receive() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    exchange.getRequestHeaders().getFirst("X-Tierdeck-Event"),
                    exchange.getRequestHeaders().getFirst("X-Tierdeck-Delivery"),
                    exchange.getRequestHeaders().getFirst("X-Tierdeck-Signature"),
                    body));
            int code = failFirst.getAndDecrement() > 0 ? 500 : 200;
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        jdbc.sql("delete from webhook").update();
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private long create(String format, List<String> events) throws Exception {
        String body = JSON.writeValueAsString(Map.of(
                "name", "hook-" + format + "-" + System.nanoTime(),
                "url", url(),
                "format", format,
                "eventTypes", events,
                "secret", SECRET));
        String created = mvc.perform(post("/api/v1/webhooks")
                        .with(TestUsers.ADMIN.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.secret").doesNotExist())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return ((Number) JSON.readValue(created, Map.class).get("id")).longValue();
    }

    private static ApprovalRequested requested(long id) {
        return new ApprovalRequested(
                id,
                "payments/allow-api",
                "payments",
                "default",
                "edit",
                "Alice Developer",
                "peer-namespaces: reaches catalog",
                "/namespaces/payments/policies/allow-api",
                Instant.now());
    }

    private void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as("waited for the delivery").isBefore(until);
            Thread.sleep(100);
        }
    }

    @Test
    void aDeliveryIsSignedOverTimestampAndBodyAndRetriedAfterA500() throws Exception {
        long hook = create("json", List.of("approval.requested"));
        failFirst.set(1);
        transaction.executeWithoutResult(status -> events.publishEvent(requested(101)));

        await(() -> received.size() >= 2);
        Received first = received.get(0);
        Received second = received.get(1);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.delivery()).isEqualTo(first.delivery());
        assertThat(second.event()).isEqualTo("approval.requested");
        Map<?, ?> body = JSON.readValue(second.body(), Map.class);
        assertThat(body.get("type")).isEqualTo("approval.requested");
        assertThat((String) body.get("text")).contains("Alice Developer asks an approver", "request 101");
        assertThat(((Map<?, ?>) body.get("details")).get("policy")).isEqualTo("payments/allow-api");

        // the receiver checks the signature with the shared secret
        String[] parts = second.signature().split(",");
        String t = parts[0].substring("t=".length());
        String v1 = parts[1].substring("v1=".length());
        assertThat(v1).isEqualTo(Signature.hmac(SECRET, t + "." + second.body()));
        assertThat(Signature.hmac("another-secret-value", t + "." + second.body()))
                .isNotEqualTo(v1);
        assertThat(Math.abs(Long.parseLong(t) - Instant.now().getEpochSecond())).isLessThan(60);

        await(() -> "DELIVERED"
                .equals(jdbc.sql("select status from webhook_delivery where webhook_id = :id")
                        .param("id", hook)
                        .query(String.class)
                        .single()));
        assertThat(jdbc.sql("select status_code from webhook_attempt a join webhook_delivery d on d.id = a.delivery_id"
                                + " where d.webhook_id = :id order by a.id")
                        .param("id", hook)
                        .query(Integer.class)
                        .list())
                .containsExactly(500, 200);
        mvc.perform(get("/api/v1/webhooks/" + hook + "/deliveries").with(TestUsers.ADMIN.token()))
                .andExpect(jsonPath("$[0].status").value("DELIVERED"))
                .andExpect(jsonPath("$[0].attempts").value(2))
                .andExpect(jsonPath("$[0].lastStatusCode").value(200));
    }

    @Test
    void aChangeThatRollsBackSendsNothing() throws Exception {
        long hook = create("json", List.of("approval.requested", "approval.granted"));
        transaction.executeWithoutResult(status -> {
            events.publishEvent(requested(202));
            status.setRollbackOnly();
        });
        assertThat(jdbc.sql("select count(*) from webhook_delivery where webhook_id = :id")
                        .param("id", hook)
                        .query(Long.class)
                        .single())
                .isZero();

        // a committed one, of another type it subscribes to, arrives; one it does not subscribe to is not written
        transaction.executeWithoutResult(status -> {
            events.publishEvent(new ApprovalDecided(
                    203,
                    "payments/allow-api",
                    "payments",
                    "default",
                    "edit",
                    true,
                    "Alice Developer",
                    "Sam Security",
                    null,
                    "/namespaces/payments/policies/allow-api",
                    Instant.now()));
            events.publishEvent(new ApprovalDecided(
                    204,
                    "payments/allow-api",
                    "payments",
                    "default",
                    "edit",
                    false,
                    "Alice Developer",
                    "Sam Security",
                    "no",
                    "/namespaces/payments/policies/allow-api",
                    Instant.now()));
        });
        await(() -> received.size() >= 1);
        Thread.sleep(600);
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().event()).isEqualTo("approval.granted");
        assertThat(received.getFirst().body()).doesNotContain("request 202");
    }

    @Test
    void slackReceivesOneLineOfText() throws Exception {
        create("slack", List.of("approval.requested"));
        transaction.executeWithoutResult(status -> events.publishEvent(requested(303)));
        await(() -> received.size() >= 1);
        Map<?, ?> body = JSON.readValue(received.getFirst().body(), Map.class);
        assertThat(body.keySet().stream().map(String::valueOf).toList()).containsExactly("text");
        assertThat((String) body.get("text"))
                .startsWith("[approval.requested] Alice Developer asks an approver")
                .contains("/namespaces/payments/policies/allow-api");
    }

    @Test
    void exceptionsAndAssertionsReachTheHooksThatSubscribeToThem() throws Exception {
        create("json", List.of("exception.granted", "assertion.violated"));
        Instant expires = Instant.parse("2026-12-08T12:00:00Z");
        transaction.executeWithoutResult(status -> {
            events.publishEvent(new dev.tierdeck.exception.ExceptionGranted(
                    7, "checkout", "security", "alice", "sam", "checkout/frontend → 52.10.0.1 TCP 443", expires));
            // not subscribed: stays out of this hook
            events.publishEvent(new dev.tierdeck.exception.ExceptionExpiring(
                    7, "checkout", "security", "alice", "sam", "checkout/frontend → 52.10.0.1 TCP 443", expires));
            events.publishEvent(new dev.tierdeck.assertion.AssertionViolated(
                    3,
                    "sandbox-never-reaches-pci",
                    null,
                    dev.tierdeck.assertion.AssertionViolated.Source.CLUSTER,
                    "sandbox/debug-shell → payments/payments-worker TCP 8080",
                    Instant.now()));
        });
        await(() -> received.size() >= 2);
        Thread.sleep(500);
        List<String> bodies = received.stream().map(Received::body).toList();
        assertThat(bodies).hasSize(2);
        assertThat(bodies)
                .anySatisfy(b -> assertThat(b)
                        .contains("exception.granted", "sam granted exception 7 in tier security", "/exceptions/7"))
                .anySatisfy(b -> assertThat(b)
                        .contains("assertion.violated", "sandbox-never-reaches-pci", "by the policies in force"));
    }

    @Test
    void aReceiverThatKeepsFailingIsGivenUpAfterTheLastAttempt() throws Exception {
        long hook = create("json", List.of("approval.requested"));
        failFirst.set(100);
        transaction.executeWithoutResult(status -> events.publishEvent(requested(404)));
        await(() -> "FAILED"
                .equals(jdbc.sql("select status from webhook_delivery where webhook_id = :id")
                        .param("id", hook)
                        .query(String.class)
                        .single()));
        assertThat(received).hasSize(3);
        assertThat(jdbc.sql("select last_error from webhook_delivery where webhook_id = :id")
                        .param("id", hook)
                        .query(String.class)
                        .single())
                .isEqualTo("the receiver answered 500");
    }

    @Test
    void badWebhooksAreRefusedAtTheFieldAndNothingIsSaved() throws Exception {
        String body = JSON.writeValueAsString(Map.of(
                "name", "",
                "url", "ftp://files.example.com/x",
                "format", "xml",
                "eventTypes", List.of("approval.requested", "lunch.served"),
                "secret", "short"));
        mvc.perform(post("/api/v1/webhooks")
                        .with(TestUsers.ADMIN.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[*].field")
                        .value(org.hamcrest.Matchers.contains("name", "url", "format", "eventTypes[1]", "secret")));
        // the metadata address of a cloud, and this machine without the allow-list entry
        for (String internal :
                List.of("http://169.254.169.254/latest", "http://localhost:8080/x", "http://10.1.2.3/")) {
            mvc.perform(post("/api/v1/webhooks")
                            .with(TestUsers.ADMIN.token())
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(JSON.writeValueAsString(Map.of(
                                    "name",
                                    "internal",
                                    "url",
                                    internal,
                                    "eventTypes",
                                    List.of("drift.detected"),
                                    "secret",
                                    SECRET))))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.fields[0].field").value("url"))
                    .andExpect(jsonPath("$.fields[0].message").value(containsString("internal address")));
        }
        mvc.perform(post("/api/v1/webhooks")
                        .with(TestUsers.ADMIN.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{not json"))
                .andExpect(status().isBadRequest());
        assertThat(jdbc.sql("select count(*) from webhook").query(Long.class).single())
                .isZero();
    }

    @Test
    void onlyAdminsConfigureWebhooksAndEveryChangeIsAuditedWithoutTheSecret() throws Exception {
        mvc.perform(get("/api/v1/webhooks").with(TestUsers.ALICE.token())).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/webhooks")
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of(
                                "name",
                                "mine",
                                "url",
                                url(),
                                "eventTypes",
                                List.of("drift.detected"),
                                "secret",
                                SECRET))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/webhooks").with(TestUsers.ALICE.session())).andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from webhook").query(Long.class).single())
                .isZero();

        Instant before = Instant.now();
        long hook = create("json", List.of("drift.detected"));
        mvc.perform(delete("/api/v1/webhooks/" + hook).with(TestUsers.ADMIN.token()))
                .andExpect(status().isNoContent());
        List<String> audited = jdbc.sql("select action || ' ' || coalesce(after_yaml, '') || coalesce(before_yaml, '')"
                        + " from audit_record where target_kind = 'Webhook' and occurred_at >= :before order by id")
                .param("before", java.sql.Timestamp.from(before))
                .query(String.class)
                .list();
        assertThat(audited).hasSize(2);
        assertThat(audited.get(0)).startsWith("webhook.created").contains(url());
        assertThat(audited.get(1)).startsWith("webhook.deleted");
        assertThat(String.join("", audited)).doesNotContain(SECRET);
    }

    @Test
    void theAdminPageListsWebhooksAndNamesAFieldItCannotTake() throws Exception {
        create("json", List.of("approval.requested"));
        mvc.perform(get("/admin/webhooks").with(TestUsers.ADMIN.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(url())))
                .andExpect(content().string(containsString("promotion.unexpected-denials")));
        mvc.perform(post("/admin/webhooks")
                        .with(TestUsers.ADMIN.session())
                        .with(csrf())
                        .param("name", "metadata")
                        .param("url", "http://169.254.169.254/")
                        .param("format", "json")
                        .param("eventTypes", "drift.detected")
                        .param("secret", SECRET))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("resolves to an internal address")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString(SECRET))));
    }
}
