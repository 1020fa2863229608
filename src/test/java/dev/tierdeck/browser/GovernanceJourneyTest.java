package dev.tierdeck.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.Tierdeck;
import dev.tierdeck.cluster.ClusterKind;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ObjectRef;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The governance side end to end on the demo cluster: an admin creates a locked tier and a global policy in it,
 * previews, stages and promotes it; a developer finds the tier read-only and cannot write in it; a guardrail stops a
 * developer policy with a message at the field; the audit trail shows all of it and its chain verifies.
 */
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(
        classes = Tierdeck.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "tierdeck.database.embedded.database=governance_journey")
class GovernanceJourneyTest {

    private static final PolicyRef GLOBAL = PolicyRef.global("no-telnet");

    private static BrowserSession session;

    @LocalServerPort
    int port;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    ClusterReader cluster;

    @AfterAll
    static void stopBrowser() {
        if (session != null) {
            session.close();
        }
    }

    private BrowserSession browser() {
        if (session == null) {
            session = new BrowserSession(HeadlessChromium.start(1400, 1000), port);
        }
        return session;
    }

    @Test
    @Order(1)
    void anAdminCreatesALockedTierAndPromotesAGlobalPolicyInIt() {
        BrowserSession b = browser();
        b.signIn("admin");
        b.open("/admin/tiers/new");
        b.type(By.id("tier-name"), "compliance");
        b.type(By.id("tier-order"), "150");
        new Select(b.find(By.id("tier-action"))).selectByValue("Pass");
        if (!b.find(By.id("tier-locked")).isSelected()) {
            b.find(By.id("tier-locked")).click();
        }
        b.type(By.id("tier-owners"), "tierdeck-platform-admins");
        b.type(By.id("tier-purpose"), "Rules the auditors asked for.");
        b.type(By.id("tier-comment"), "Audit finding 12");
        b.press("Create tier");
        b.waitUntil(() -> b.flash().contains("Tier compliance created."));
        b.waitUntil(() -> cluster.snapshot()
                .find(new ObjectRef(ClusterKind.TIER, null, "compliance"))
                .isPresent());
        b.screenshot("governance-tiers.png");

        b.open("/global-policies/new");
        b.type(By.id("policy-name"), "no-telnet");
        b.find(By.cssSelector("button[name='_action'][value='mode-yaml']")).click();
        b.waitUntil(() -> b.driver().findElements(By.id("form-fields")).isEmpty());
        b.type(By.id("policy-yaml"), """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata:
                  name: no-telnet
                spec:
                  tier: compliance
                  order: 10
                  selector: has(app)
                  types: [Ingress]
                  ingress:
                  - action: Deny
                    protocol: TCP
                    destination:
                      ports: [23]
                """);
        b.find(By.cssSelector("button[name='_action'][value='save']")).click();
        b.waitUntil(() -> b.at("/global-policies/no-telnet"));

        b.find(By.linkText("Preview")).click();
        b.waitUntil(
                () -> !b.texts(By.cssSelector("#preview-panel #preview-report")).isEmpty()
                        && b.driver()
                                .findElements(By.cssSelector("#preview-progress.htmx-request"))
                                .isEmpty());
        assertThat(b.texts(By.cssSelector("#preview-panel")).getFirst()).isNotBlank();

        b.press("Stage");
        b.waitUntil(() -> b.flash().contains("is staged"));
        b.find(By.linkText("Promote…")).click();
        b.waitUntil(() -> !b.driver().findElements(By.id("promote-form")).isEmpty());
        b.screenshot("governance-promote.png");
        b.find(By.cssSelector("#promote-form button")).click();
        b.waitUntil(() -> b.flash().contains("is in force"));
        assertThat(drafts.find(GLOBAL).orElseThrow().state()).isEqualTo(PolicyState.ENFORCED);
        b.waitUntil(() -> cluster.snapshot()
                .find(new ObjectRef(ClusterKind.GLOBAL_NETWORK_POLICY, null, "no-telnet"))
                .isPresent());
        assertThat(b.contentSecurityPolicyViolations()).isEmpty();
    }

    @Test
    @Order(2)
    void aDeveloperSeesTheLockedTierReadOnlyAndCannotWriteInIt() {
        BrowserSession b = browser();
        b.signIn("alice");
        b.open("/namespaces/payments");
        b.waitUntil(() -> !b.texts(By.id("tier-compliance")).isEmpty());
        String tier = b.texts(By.id("tier-compliance")).getFirst();
        assertThat(tier).contains("compliance", "locked", "read-only", "no-telnet");
        b.driver().executeScript("document.getElementById('tier-compliance').scrollIntoView()");
        b.screenshot("governance-developer-stack.png");

        b.open("/namespaces/payments/policies/new");
        assertThat(new Select(b.find(By.id("policy-tier")))
                        .getOptions().stream().map(option -> option.getDomProperty("value")))
                .doesNotContain("compliance", "security", "platform");

        b.open("/global-policies/no-telnet/edit");
        assertThat(b.texts(By.cssSelector("#problem-title .status-code"))).containsExactly("403");
    }

    @Test
    @Order(3)
    void aGuardrailStopsADeveloperPolicyWithAMessageAtTheField() {
        BrowserSession b = browser();
        b.signIn("alice");
        b.open("/namespaces/payments/policies/new");
        b.type(By.id("policy-name"), "open-egress");
        new Select(b.find(By.id("policy-types"))).selectByValue("Egress");
        b.find(By.cssSelector("button[name='_action'][value='add-egress']")).click();
        b.waitUntil(
                () -> !b.driver().findElements(By.name("egress[0].peer.kind")).isEmpty());
        new Select(b.find(By.name("egress[0].peer.kind"))).selectByValue("cidrs");
        b.type(By.id("egress-0-nets"), "0.0.0.0/0");
        b.find(By.cssSelector("button[name='_action'][value='save']")).click();
        b.waitUntil(() -> b.pageText().contains("Guardrail egress-cidrs"));
        // the guardrail measures the egress rules together: its message stands above the egress rules
        assertThat(b.texts(By.cssSelector("#msg-egress")))
                .anyMatch(message -> message.contains("Guardrail egress-cidrs") && message.contains("Fix:"));
        assertThat(b.find(By.id("policy-name")).getDomProperty("value")).isEqualTo("open-egress");
        b.screenshot("governance-guardrail.png");
        assertThat(drafts.find(PolicyRef.namespaced("payments", "open-egress"))).isEmpty();
    }

    @Test
    @Order(4)
    void theAuditTrailShowsAllOfItAndVerifies() {
        BrowserSession b = browser();
        b.signIn("security");
        b.open("/admin/audit");
        String trail = b.pageText();
        assertThat(trail).contains("compliance", "no-telnet");
        b.press("Verify the chain");
        b.waitUntil(() -> b.pageText().contains("The chain holds"));
        b.screenshot("governance-audit.png");
        assertThat(b.contentSecurityPolicyViolations()).isEmpty();
    }
}
