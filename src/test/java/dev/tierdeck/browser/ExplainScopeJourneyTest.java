package dev.tierdeck.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.Tierdeck;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.DemoClusters;
import dev.tierdeck.engine.model.CalicoPolicy;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
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

/**
 * Bob (team catalog) explains a flow from his catalog API to the cart in checkout, which alice's team protects with a
 * policy of its own: the page names the tier and alice's team, never her policy; a flow between two of alice's pods is
 * refused with the reason; the suggestions hold only bob's pods.
 */
@Tag("browser")
@SpringBootTest(
        classes = Tierdeck.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tierdeck.database.embedded.database=explain_journey", "tierdeck.flow.demo-feed.enabled=false"})
class ExplainScopeJourneyTest {

    private static final String CART = "checkout/cart-6d9b8c7f4-x2k9q";
    private static final String CATALOG_API = "catalog/catalog-api-7b6c9d8f5-x2k9q";

    private static BrowserSession session;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ClusterReader cluster;

    @AfterAll
    static void stopBrowser() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void bobExplainsAFlowToACheckoutPodWithoutLearningAlicesPolicy() throws InterruptedException {
        alicesTeamProtectsTheCart();
        BrowserSession b = new BrowserSession(HeadlessChromium.start(1366, 1000), port);
        session = b;
        b.signIn("bob");

        b.open("/explain");
        List<String> suggestions = b.driver().findElements(By.cssSelector("#explain-endpoints option")).stream()
                .map(o -> o.getDomAttribute("value"))
                .toList();
        assertThat(suggestions).contains("catalog", CATALOG_API).allMatch(v -> v.startsWith("catalog"));

        b.type(By.id("source"), CATALOG_API);
        b.type(By.id("destination"), CART);
        b.type(By.id("port"), "50051");
        b.press("Explain");
        b.waitUntil(() -> !b.driver().findElements(By.id("explanation")).isEmpty());

        String answer = String.join(" ", b.texts(By.id("explanation")));
        assertThat(answer)
                .contains("Ingress to " + CART)
                .contains("a policy of team payments")
                .contains("denied at the end of tier default: a policy of team payments applies to the pod")
                .doesNotContain("cart-ingress");
        assertThat(b.driver().getPageSource()).doesNotContain("cart-ingress");
        assertThat(b.texts(By.cssSelector("#explanation td.withheld"))).contains("a policy of team payments");
        b.driver().executeScript("document.getElementById('explanation').scrollIntoView()");
        b.screenshot("explain-withheld.png");

        b.type(By.id("source"), "checkout/checkout-frontend-8f7c6d5b9-x2k9q");
        b.type(By.id("destination"), "payments/payments-api-7d9f8c6b5-x2k9q");
        b.type(By.id("port"), "8080");
        b.press("Explain");
        b.waitUntil(() -> !b.driver().findElements(By.id("explain-refusal")).isEmpty());
        // the earlier answer does not stay under a question that was refused
        assertThat(b.driver().findElements(By.id("explanation"))).isEmpty();
        assertThat(String.join(" ", b.texts(By.id("explain-refusal"))))
                .isEqualTo("You may explain flows with at least one end in one of your teams' namespaces; neither"
                        + " checkout nor payments is.");
        b.driver().executeScript("window.scrollTo(0, 0)");
        b.screenshot("explain-refused.png");
        assertThat(b.contentSecurityPolicyViolations()).isEmpty();
    }

    /** Alice's team has a policy in force on the cart: only the checkout frontend reaches it. */
    private void alicesTeamProtectsTheCart() throws InterruptedException {
        try (KubernetesClient client = DemoClusters.of(context).adminClient()) {
            GenericKubernetesResource policy = new GenericKubernetesResource();
            policy.setApiVersion("projectcalico.org/v3");
            policy.setKind("NetworkPolicy");
            policy.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                    .withName("cart-ingress")
                    .withNamespace("checkout")
                    .build());
            policy.setAdditionalProperty(
                    "spec",
                    Map.of(
                            "tier",
                            "default",
                            "order",
                            100,
                            "selector",
                            "app == 'cart'",
                            "types",
                            List.of("Ingress"),
                            "ingress",
                            List.of(Map.of(
                                    "action",
                                    "Allow",
                                    "protocol",
                                    "TCP",
                                    "source",
                                    Map.of("selector", "app == 'checkout-frontend'"),
                                    "destination",
                                    Map.of("ports", List.of(50051))))));
            client.resource(policy).create();
        }
        // the portal sees the cluster through its watch cache
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (cluster.decoded().state().calicoPolicies().stream()
                .map(CalicoPolicy::name)
                .noneMatch("cart-ingress"::equals)) {
            assertThat(System.nanoTime()).as("the cache sees cart-ingress").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
