package dev.tierdeck.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.Tierdeck;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.DemoClusters;
import dev.tierdeck.engine.model.CalicoPolicy;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Alice's checkout frontend must call a partner's API at 203.0.113.10, which the security tier denies: she explains
 * the flow, requests a two-hour exception from the explain page, security grants one hour, explain shows the flow
 * allowed; when the hour is over (the test moves the expiry to now; the expiry job runs every two seconds here) the
 * policy is gone from the cluster, explain shows the flow denied again, and the audit trail holds every step.
 */
@Tag("browser")
@SpringBootTest(
        classes = Tierdeck.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tierdeck.database.embedded.database=exception_journey",
            "tierdeck.flow.demo-feed.enabled=false",
            "tierdeck.exception.sweep-interval=PT2S"
        })
class ExceptionJourneyTest {

    private static final String FRONTEND = "checkout/checkout-frontend-8f7c6d5b9-x2k9q";
    private static final String PARTNER = "203.0.113.10";

    private static BrowserSession session;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ClusterReader cluster;

    @Autowired
    JdbcClient jdbc;

    @AfterAll
    static void stopBrowser() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void aliceAsksSecurityGrantsAnHourAndThePortalTakesItBack() throws InterruptedException {
        securityDeniesUnvettedPartners();
        BrowserSession b = new BrowserSession(HeadlessChromium.start(1366, 1100), port);
        session = b;
        b.signIn("alice");
        assertThat(explain(b)).isEqualTo("Deny");
        b.driver().findElement(By.linkText("Request an exception")).click();
        b.waitUntil(() -> !b.driver().findElements(By.id("reason")).isEmpty());
        assertThat(b.find(By.id("source")).getDomProperty("value")).isEqualTo(FRONTEND);
        assertThat(b.find(By.id("destination")).getDomProperty("value")).isEqualTo(PARTNER);
        b.type(By.id("reason"), "The card partner's API during the payment provider migration.");
        b.type(By.id("duration"), "2");
        b.screenshot("exception-request.png");
        b.press("Request the exception");
        b.waitUntil(() -> !b.driver().findElements(By.id("exception-state")).isEmpty());
        assertThat(b.flash()).contains("the owners of tier security (tierdeck-security-admins) decide it");
        assertThat(b.pageText())
                .contains("pending", "security: tierdeck-security-admins", "deny-unvetted-partners")
                .contains("Waiting for the owners of tier security");
        String page = b.driver().getCurrentUrl();
        String id = page.substring(page.lastIndexOf('/') + 1);

        b.signIn("security");
        b.open("/exceptions?state=PENDING");
        b.driver().findElement(By.linkText(id)).click();
        b.waitUntil(() -> !b.driver().findElements(By.id("grant-form")).isEmpty());
        assertThat(b.texts(By.id("exception-impact")).getFirst()).contains("Granting newly allows");
        b.type(By.id("grant-duration"), "1");
        b.type(By.id("grant-comment"), "One hour, for the cut-over.");
        b.screenshot("exception-decide.png");
        b.press("Grant");
        b.waitUntil(() -> b.pageText().contains("active"));
        assertThat(b.flash()).contains("granted until", "exception-" + id, "tier security");
        assertThat(b.texts(By.id("exception-time-left")).getFirst()).contains("59 min");
        assertThat(policy(id)).as("the exception's policy in the security tier").isNotNull();

        b.signIn("alice");
        waitForExplain(b, "Allow");
        b.screenshot("exception-allowed.png");

        // the hour is over
        jdbc.sql("update policy_exception set expires_at = now() where id = :id")
                .param("id", Long.parseLong(id))
                .update();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
        while (policy(id) != null) {
            assertThat(System.nanoTime())
                    .as("the expiry job removes the policy")
                    .isLessThan(deadline);
            Thread.sleep(250);
        }
        waitForExplain(b, "Deny");
        b.open("/exceptions/" + id);
        b.waitUntil(() -> b.pageText().contains("removed"));
        assertThat(b.pageText()).contains("expired");
        b.screenshot("exception-expired.png");

        b.signIn("security");
        b.open("/admin/audit?action=exception");
        b.waitUntil(() -> b.pageText().contains("exception.removed"));
        List<String> actions = jdbc.sql("select action from audit_record where target_name = :n order by id")
                .param("n", "exception-" + id)
                .query(String.class)
                .list();
        assertThat(actions)
                .containsExactly("exception.requested", "exception.granted", "exception.expired", "exception.removed");
        b.screenshot("exception-audit.png");
        assertThat(b.contentSecurityPolicyViolations()).isEmpty();
    }

    private String explain(BrowserSession b) {
        b.open("/explain");
        b.type(By.id("source"), FRONTEND);
        b.type(By.id("destination"), PARTNER);
        b.type(By.id("port"), "443");
        b.press("Explain");
        b.waitUntil(() -> !b.driver().findElements(By.id("explanation")).isEmpty());
        return b.texts(By.cssSelector("#explanation .explain-state h3 .verdict"))
                .getFirst();
    }

    private void waitForExplain(BrowserSession b, String verdict) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (!explain(b).equals(verdict)) {
            assertThat(System.nanoTime()).as("explain shows " + verdict).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private GenericKubernetesResource policy(String id) {
        try (KubernetesClient client = DemoClusters.of(context).adminClient()) {
            return client.genericKubernetesResources("projectcalico.org/v3", "GlobalNetworkPolicy")
                    .withName("exception-" + id)
                    .get();
        }
    }

    /** The security tier denies egress to partner addresses nobody vetted yet. */
    private void securityDeniesUnvettedPartners() throws InterruptedException {
        try (KubernetesClient client = DemoClusters.of(context).adminClient()) {
            GenericKubernetesResource policy = new GenericKubernetesResource();
            policy.setApiVersion("projectcalico.org/v3");
            policy.setKind("GlobalNetworkPolicy");
            policy.setMetadata(
                    new ObjectMetaBuilder().withName("deny-unvetted-partners").build());
            policy.setAdditionalProperty(
                    "spec",
                    Map.of(
                            "tier",
                            "security",
                            "order",
                            30,
                            "selector",
                            "all()",
                            "types",
                            List.of("Egress"),
                            "egress",
                            List.of(Map.of(
                                    "action", "Deny", "destination", Map.of("nets", List.of("203.0.113.0/24"))))));
            client.resource(policy).create();
        }
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (cluster.decoded().state().calicoPolicies().stream()
                .map(CalicoPolicy::name)
                .noneMatch("deny-unvetted-partners"::equals)) {
            assertThat(System.nanoTime())
                    .as("the cache sees the partner denial")
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
