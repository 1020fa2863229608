package dev.tierdeck.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.Tierdeck;
import dev.tierdeck.cluster.ClusterKind;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ObjectRef;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The developer's loop on the demo cluster and its generated traffic: a default-deny policy written with the form,
 * the preview of what it would break, an allow rule for the ingress controller that leaves only the intended flows
 * denied, stage, approval of the flagged peer, promotion, and the policy enforced in the cluster.
 */
@Tag("browser")
@SpringBootTest(
        classes = Tierdeck.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tierdeck.database.embedded.database=developer_loop_journey",
            "tierdeck.flow.demo-feed.enabled=true",
            "tierdeck.flow.demo-feed.backfill=2h"
        })
class DeveloperLoopJourneyTest {

    private static final PolicyRef REF = PolicyRef.namespaced("checkout", "checkout-lockdown");

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
    void defaultDenyPreviewAllowTheIngressControllerStageApprovePromote() {
        b = new BrowserSession(HeadlessChromium.start(1400, 1000), port);
        // the demo feed backfills two hours of traffic at start-up
        b.waitUntil(() ->
                flows.distinctFlows(Instant.now().minus(Duration.ofHours(24)), Instant.now(), List.of("checkout"))
                                .size()
                        > 3);

        b.signIn("alice");
        b.open("/namespaces/checkout");
        b.find(By.linkText("Default deny")).click();
        b.waitUntil(() -> b.driver().getCurrentUrl().endsWith("template=default-deny"));
        b.type(By.id("policy-name"), "checkout-lockdown");
        new Select(b.find(By.id("policy-types"))).selectByValue("Ingress");
        b.find(By.cssSelector("button[name='_action'][value='save']")).click();
        b.waitUntil(() -> b.at("/namespaces/checkout/policies/checkout-lockdown"));

        List<String> deniedBefore = previewDeniedSources();
        assertThat(deniedBefore)
                .anyMatch(source -> source.startsWith("ingress-nginx/"))
                .anyMatch(source -> source.startsWith("checkout/"))
                .anyMatch(source -> source.startsWith("sandbox/"));
        b.screenshot("developer-loop-preview-default-deny.png");

        b.find(By.linkText("Edit")).click();
        b.waitUntil(() -> b.at("/namespaces/checkout/policies/checkout-lockdown/edit"));
        b.find(By.cssSelector("button[name='_action'][value='add-ingress']")).click();
        b.waitUntil(
                () -> !b.driver().findElements(By.name("ingress[0].peer.kind")).isEmpty());
        new Select(b.find(By.name("ingress[0].peer.kind"))).selectByValue("namespaces");
        b.type(By.id("ingress-0-ns-names"), "ingress-nginx");
        b.find(By.cssSelector("button[name='_action'][value='add-ingress']")).click();
        b.waitUntil(
                () -> !b.driver().findElements(By.name("ingress[1].peer.kind")).isEmpty());
        new Select(b.find(By.name("ingress[1].peer.kind"))).selectByValue("pods");
        b.find(By.cssSelector("button[name='_action'][value='save']")).click();
        b.waitUntil(() -> b.at("/namespaces/checkout/policies/checkout-lockdown"));

        // what is left is the debug shell reaching into the cart: the flow the policy is for
        List<String> deniedAfter = previewDeniedSources();
        assertThat(deniedAfter).isNotEmpty().allMatch(source -> source.startsWith("sandbox/debug-shell"));
        b.screenshot("developer-loop-preview-with-ingress.png");

        // the ingress controller lives outside the team's namespaces: the peer guardrail asks for an approver
        b.press("Stage");
        b.waitUntil(() -> b.flash().contains("waits for an approver"));
        b.signIn("security");
        b.find(By.linkText("Approvals")).click();
        b.waitUntil(() -> b.texts(By.cssSelector("section.approval h2 a")).contains("checkout/checkout-lockdown"));
        b.find(By.cssSelector("section.approval textarea")).sendKeys("The ingress controller only.");
        b.press("Approve");
        b.waitUntil(() -> b.flash().contains("Approved checkout/checkout-lockdown"));

        b.signIn("alice");
        b.open("/namespaces/checkout/policies/checkout-lockdown");
        b.find(By.linkText("Promote…")).click();
        b.waitUntil(() -> !b.driver().findElements(By.id("promote-form")).isEmpty());
        b.screenshot("developer-loop-confirm.png");
        b.find(By.cssSelector("#promote-form button")).click();
        b.waitUntil(() -> b.flash().contains("is in force"));
        assertThat(drafts.find(REF).orElseThrow().state()).isEqualTo(PolicyState.ENFORCED);
        b.waitUntil(() -> cluster.snapshot()
                .find(new ObjectRef(ClusterKind.CALICO_NETWORK_POLICY, "checkout", "checkout-lockdown"))
                .isPresent());

        b.open("/namespaces/checkout");
        assertThat(b.pageText()).contains("checkout-lockdown");
        b.screenshot("developer-loop-namespace.png");

        withdrawTheApprovedPolicyAndWaitForSecurity();
        assertThat(b.contentSecurityPolicyViolations()).isEmpty();
    }

    /**
     * Withdrawing the approved default deny would let the debug shell in again: the confirmation says so, asks why,
     * and the withdrawal waits for security while the policy stays in force.
     */
    private void withdrawTheApprovedPolicyAndWaitForSecurity() {
        b.open("/namespaces/checkout/policies/checkout-lockdown");
        assertThat(b.find(By.cssSelector("header .badge.state")).getText()).isEqualTo("enforced");
        b.find(By.linkText("Withdraw…")).click();
        b.waitUntil(() -> !b.driver().findElements(By.id("withdraw-form")).isEmpty());
        assertThat(b.texts(By.cssSelector("#withdrawal-impact tr.verdict-change-allow td:first-child code")))
                .anyMatch(source -> source.startsWith("sandbox/debug-shell"));
        assertThat(b.texts(By.cssSelector("#withdrawal-guardrails li")))
                .anyMatch(finding -> finding.contains("needs approval")
                        && finding.contains("Withdrawing the policy newly allows")
                        && finding.contains("An approver accepted the policy in force"));
        b.screenshot("developer-loop-withdraw-confirm.png");

        b.press("Ask an approver to withdraw checkout/checkout-lockdown");
        b.waitUntil(() -> b.flash().contains("Give a reason"));
        assertThat(drafts.find(REF).orElseThrow().state())
                .as("nothing happens without a reason")
                .isEqualTo(PolicyState.ENFORCED);
        b.type(By.id("withdraw-reason"), "The cart answers through the new gateway, which checks its callers.");
        b.press("Ask an approver to withdraw checkout/checkout-lockdown");
        b.waitUntil(() -> b.flash().contains("waits for an approver"));
        assertThat(b.find(By.cssSelector("header .badge.state")).getText()).isEqualTo("withdrawal awaiting approval");
        assertThat(b.find(By.id("approval-outcome")).getText())
                .contains("Waiting for an approver", "security", "The policy stays in force");
        assertThat(cluster.snapshot()
                        .find(new ObjectRef(ClusterKind.CALICO_NETWORK_POLICY, "checkout", "checkout-lockdown")))
                .as("in force until security approves")
                .isPresent();
        b.screenshot("developer-loop-withdrawal-waiting.png");

        b.signIn("security");
        b.find(By.linkText("Approvals")).click();
        b.waitUntil(() -> b.texts(By.cssSelector("section.approval h2")).stream()
                .anyMatch(h -> h.contains("checkout/checkout-lockdown") && h.contains("withdrawal")));
        assertThat(b.pageText())
                .contains("The cart answers through the new gateway", "What leaves the cluster", "sandbox/debug-shell");
        b.screenshot("developer-loop-withdrawal-queue.png");
    }

    /** Opens the saved draft's preview in its panel and reads the sources of the flows it would newly deny. */
    private List<String> previewDeniedSources() {
        b.find(By.linkText("Preview")).click();
        b.waitUntil(() -> !b.driver()
                .findElements(By.cssSelector("#preview-panel .preview-totals"))
                .isEmpty());
        return b.driver().findElements(By.cssSelector("#preview-panel .preview-table tbody")).stream()
                .filter(group ->
                        !group.findElements(By.cssSelector("td .verdict-deny")).isEmpty()
                                && group.findElements(By.cssSelector("td:nth-child(5) .verdict-deny"))
                                                .size()
                                        == 1)
                .map(group -> group.findElement(By.cssSelector("td code")).getText())
                .toList();
    }
}
