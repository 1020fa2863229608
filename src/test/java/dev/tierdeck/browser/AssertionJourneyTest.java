package dev.tierdeck.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.Tierdeck;
import dev.tierdeck.policy.Policies;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The security admin states "sandbox never reaches pci=true workloads" on the demo cluster and sees it violated today,
 * with the debug shell reaching payments through the sandbox's profile; alice states that the checkout frontend must
 * reach the payments API, and her draft that would cut it off is blocked at the rule in the preview.
 */
@Tag("browser")
@SpringBootTest(
        classes = Tierdeck.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tierdeck.database.embedded.database=assertion_journey", "tierdeck.flow.demo-feed.enabled=false"})
class AssertionJourneyTest {

    private static BrowserSession session;

    @LocalServerPort
    int port;

    @Autowired
    PolicyDrafts drafts;

    @AfterAll
    static void stopBrowser() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void anAdminSeesAViolationWithItsTraceAndAlicesDraftIsBlockedAtTheRule() {
        BrowserSession b = new BrowserSession(HeadlessChromium.start(1366, 1400), port);
        session = b;
        b.signIn("security");
        b.open("/assertions");
        b.type(By.id("name"), "sandbox-never-reaches-pci");
        b.type(By.id("sourceNamespaceSelector"), "projectcalico.org/name == 'sandbox'");
        b.type(By.id("destinationSelector"), "pci == 'true'");
        b.find(By.cssSelector("input[name=expect][value=deny]")).click();
        b.press("State the assertion");
        b.waitUntil(() -> b.flash().contains("Assertion sandbox-never-reaches-pci stated"));

        WebElement card = b.find(By.cssSelector("section.assertion[data-status=violated]"));
        String text = card.getText();
        assertThat(text)
                .contains("sandbox-never-reaches-pci")
                .contains("violated")
                .contains("sandbox/debug-shell → payments/")
                .contains("allowed by the namespace profile");
        b.driver().executeScript("arguments[0].scrollIntoView()", card);
        b.screenshot("assertion-violated.png");
        assertThat(b.contentSecurityPolicyViolations()).isEmpty();
        b.close();

        BrowserSession alice = new BrowserSession(HeadlessChromium.start(1366, 1200), port);
        session = alice;
        alice.signIn("alice");
        alice.open("/assertions");
        alice.type(By.id("scope"), "payments");
        alice.type(By.id("name"), "checkout-reaches-payments-api");
        alice.type(By.id("sourceNamespaceSelector"), "projectcalico.org/name == 'checkout'");
        alice.type(By.id("sourceSelector"), "app == 'checkout-frontend'");
        alice.type(By.id("destinationNamespaceSelector"), "projectcalico.org/name == 'payments'");
        alice.type(By.id("destinationSelector"), "app == 'payments-api'");
        alice.type(By.id("ports"), "8080");
        alice.find(By.cssSelector("input[name=expect][value=allow]")).click();
        alice.press("State the assertion");
        alice.waitUntil(() -> alice.flash().contains("Assertion checkout-reaches-payments-api stated"));
        assertThat(alice.find(By.cssSelector("section.assertion[data-status=holds]"))
                        .getText())
                .contains("checkout-reaches-payments-api");

        drafts.save(TestUsers.ALICE.user(), Policies.yaml("""
                        apiVersion: projectcalico.org/v3
                        kind: NetworkPolicy
                        metadata: {name: payments-api-lockdown, namespace: payments}
                        spec:
                          tier: default
                          order: 50
                          selector: app == 'payments-api'
                          types: [Ingress]
                          ingress:
                          - {action: Allow, protocol: TCP, source: {selector: app == 'fraud-check'}}
                          - {action: Deny, source: {namespaceSelector: kubernetes.io/metadata.name == 'checkout'}}
                        """), null);
        alice.open("/namespaces/payments/policies/payments-api-lockdown/preview");
        WebElement blocking = alice.find(By.cssSelector(".assertion-findings li.problem-blocking"));
        assertThat(blocking.getDomAttribute("data-field")).isEqualTo("spec.ingress[1]");
        assertThat(blocking.getText())
                .contains("Blocking at spec.ingress[1]")
                .contains("Assertion checkout-reaches-payments-api (payments) expects allow")
                .contains("would be denied");
        alice.driver().executeScript("window.scrollTo(0, 0)");
        alice.screenshot("assertion-blocks-draft.png");
        assertThat(alice.contentSecurityPolicyViolations()).isEmpty();
    }
}
