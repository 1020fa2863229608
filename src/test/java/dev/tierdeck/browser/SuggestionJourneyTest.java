package dev.tierdeck.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.Tierdeck;
import dev.tierdeck.cluster.ClusterKind;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ObjectRef;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.eval.Verdict;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.flow.ReplayFlow;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A suggestion taken through the whole loop on the demo cluster and its generated traffic: alice asks for a policy
 * for checkout, sees the sandbox's debug shell calling the cart marked as unusual and leaves it out, opens the
 * suggestion in the editor as a draft, stages it, the security team approves it (its peers lie outside her team),
 * she promotes it; afterwards every other call observed in checkout is still allowed and the debug shell is denied.
 */
@Tag("browser")
@SpringBootTest(
        classes = Tierdeck.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tierdeck.database.embedded.database=suggestion_journey",
            "tierdeck.flow.demo-feed.enabled=true",
            "tierdeck.flow.demo-feed.backfill=2h"
        })
// Without JavaScript first: once the journey has promoted its policy, the debug shell is denied and no longer offered.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuggestionJourneyTest {

    private static final PolicyRef REF = PolicyRef.namespaced("checkout", "suggested-checkout");
    private static final String DEBUG_TO_CART = "ingress:checkout/cart<-sandbox/debug-shell:TCP/50051";

    @LocalServerPort
    int port;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    ClusterReader cluster;

    @Autowired
    FlowStore flows;

    private BrowserSession b;

    @AfterEach
    void stop() {
        if (b != null) {
            b.close();
        }
    }

    @Test
    @Order(2)
    void suggestLeaveOutTheDebugShellOpenInTheEditorStageApprovePromote() {
        b = new BrowserSession(HeadlessChromium.start(1400, 1000), port);
        // the demo feed backfills two hours of traffic at start-up, the debug shell's rare calls included
        b.waitUntil(() -> replayed().stream().anyMatch(f -> f.flow().id().startsWith("sandbox/debug-shell")));

        b.signIn("alice");
        b.open("/namespaces/checkout");
        b.find(By.linkText("Suggest a policy")).click();
        b.waitUntil(() -> !b.driver().findElements(By.id("proof")).isEmpty());
        assertThat(b.pageText()).contains("suggested-cart", "none of the");

        // one policy for the whole namespace
        b.find(By.cssSelector("input[name='layout'][value='namespace']")).click();
        b.press("Suggest");
        b.waitUntil(() -> b.texts(By.cssSelector(".policy-card h3 code")).equals(List.of("suggested-checkout")));
        WebElement debugRow = debugShellRow();
        assertThat(debugRow.getText()).contains("from or to a sandbox or debug workload", "seen rarely");
        assertThat(b.texts(By.cssSelector("#already-decided")).getFirst()).contains("Already allowed by tier platform");

        debugRow.findElement(By.cssSelector("input[name='leave']")).click();
        b.find(By.xpath("//button[normalize-space()='Suggest again']")).click();
        b.waitUntil(() -> b.texts(By.cssSelector(".proof-sentence")).stream()
                .anyMatch(t -> t.contains("exactly the 1 flow you left out is newly denied")));
        assertThat(b.texts(By.cssSelector(".proof-table tbody tr")))
                .singleElement()
                .satisfies(row -> assertThat(row).contains("sandbox/debug-shell", "Deny", "left out"));
        assertThat(b.texts(By.cssSelector("#policies .next-step")).getFirst())
                .contains("watch its pending verdicts for a few days");
        b.screenshot("suggestion-leave-out.png");
        new Actions(b.driver()).scrollToElement(b.find(By.id("levels"))).perform();
        b.screenshot("suggestion-checkout.png");

        b.find(By.xpath("//button[normalize-space()='Open in the editor']")).click();
        b.waitUntil(() -> b.at("/namespaces/checkout/policies/suggested-checkout/edit"));
        assertThat(b.flash()).contains("Suggested policy checkout/suggested-checkout saved as a draft.");
        assertThat(drafts.find(REF).orElseThrow().state()).isEqualTo(PolicyState.DRAFT);
        b.screenshot("suggestion-editor.png");

        // the normal loop: stage, approval of the peers outside the team, promotion
        b.open("/namespaces/checkout/policies/suggested-checkout");
        b.press("Stage");
        b.waitUntil(() -> b.flash().contains("waits for an approver"));
        b.signIn("security");
        b.find(By.linkText("Approvals")).click();
        b.waitUntil(() -> b.texts(By.cssSelector("section.approval h2 a")).contains("checkout/suggested-checkout"));
        b.find(By.cssSelector("section.approval textarea")).sendKeys("Observed traffic only, debug shell left out.");
        b.press("Approve");
        b.waitUntil(() -> b.flash().contains("Approved checkout/suggested-checkout"));

        ClusterState before = cluster.decoded().state();
        b.signIn("alice");
        b.open("/namespaces/checkout/policies/suggested-checkout");
        b.find(By.linkText("Promote…")).click();
        b.waitUntil(() -> !b.driver().findElements(By.id("promote-form")).isEmpty());
        b.find(By.cssSelector("#promote-form button")).click();
        b.waitUntil(() -> b.flash().contains("is in force"));
        assertThat(drafts.find(REF).orElseThrow().state()).isEqualTo(PolicyState.ENFORCED);
        b.waitUntil(() -> cluster.snapshot()
                .find(new ObjectRef(ClusterKind.CALICO_NETWORK_POLICY, "checkout", "suggested-checkout"))
                .isPresent());
        b.waitUntil(() -> cluster.decoded().state().calicoPolicies().stream()
                .anyMatch(p -> p.name().equals("suggested-checkout")));

        // every call observed in checkout that was allowed stays allowed, except the debug shell's
        CompiledCluster was = Engine.compile(before);
        CompiledCluster now = Engine.compile(cluster.decoded().state());
        List<ReplayFlow> observed = replayed();
        int kept = 0;
        for (ReplayFlow f : observed) {
            if (was.action(f.flow()) != Verdict.Allow) {
                continue;
            }
            boolean debugShell = f.flow().id().startsWith("sandbox/debug-shell")
                    && f.flow().id().contains("checkout/cart");
            assertThat(now.action(f.flow())).as(f.flow().id()).isEqualTo(debugShell ? Verdict.Deny : Verdict.Allow);
            kept += debugShell ? 0 : 1;
        }
        assertThat(kept).isGreaterThan(5);

        // and the explanation says who decides now
        b.open("/explain?source=sandbox/debug-shell&destination=checkout/cart-6d9b8c7f4-x2k9q&protocol=TCP&port=50051");
        b.waitUntil(() -> !b.driver().findElements(By.id("explanation")).isEmpty());
        assertThat(b.texts(By.cssSelector("#explanation h3")).getFirst()).contains("Deny");
        assertThat(b.pageText()).contains("suggested-checkout");
        b.screenshot("suggestion-debug-shell-denied.png");
        b.open("/explain?source=checkout/checkout-frontend-8f7c6d5b9-x2k9q&destination=checkout/cart-6d9b8c7f4-x2k9q"
                + "&protocol=TCP&port=50051");
        b.waitUntil(() -> !b.driver().findElements(By.id("explanation")).isEmpty());
        assertThat(b.texts(By.cssSelector("#explanation h3")).getFirst()).contains("Allow");
        assertThat(b.contentSecurityPolicyViolations()).isEmpty();
    }

    @Test
    @Order(1)
    void withoutJavaScriptTheFormsStillLeaveOutAndSuggestAgain() {
        b = new BrowserSession(HeadlessChromium.startWithoutJavaScript(1400, 1000), port);
        b.waitUntil(() -> replayed().stream().anyMatch(f -> f.flow().id().startsWith("sandbox/debug-shell")));
        b.signIn("alice");
        b.open("/namespaces/checkout/recommendation?workload=cart");
        assertThat(b.texts(By.cssSelector(".policy-card h3 code"))).containsExactly("suggested-cart");

        debugShellRow().findElement(By.cssSelector("input[name='leave']")).click();
        b.find(By.xpath("//button[normalize-space()='Suggest again']")).click();
        b.waitUntil(() -> b.texts(By.cssSelector(".proof-sentence")).stream()
                .anyMatch(t -> t.contains("exactly the 1 flow you left out is newly denied")));
        assertThat(b.driver().getCurrentUrl()).contains("workload=cart").contains("leave=");
    }

    private WebElement debugShellRow() {
        return b.driver().findElements(By.cssSelector(".connections-table tbody tr")).stream()
                .filter(row -> !row.findElements(By.cssSelector("input[value='" + DEBUG_TO_CART + "']"))
                        .isEmpty())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + DEBUG_TO_CART));
    }

    private List<ReplayFlow> replayed() {
        return flows.replay(
                        Instant.now().minus(Duration.ofHours(24)),
                        Instant.now(),
                        List.of("checkout"),
                        cluster.decoded().state())
                .flows();
    }
}
