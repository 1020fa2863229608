package dev.tierdeck.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.Tierdeck;
import dev.tierdeck.cluster.ClusterKind;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ObjectRef;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A developer stages a policy, promotes it after reading its impact, finds it enforced in the cluster, changes it,
 * and rolls back to the first version, in headless Chromium on the demo cluster.
 */
@Tag("browser")
@SpringBootTest(
        classes = Tierdeck.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tierdeck.database.embedded.database=promotion_journey"})
class PromotionJourneyTest {

    private static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;
    private static final CurrentUser ALICE = new CurrentUser(
            "http://localhost:9000",
            "alice",
            "alice",
            "Alice Developer",
            Set.of(Role.DEVELOPER),
            Set.of("tierdeck-developers", "team-payments"));
    private static final PolicyRef REF = PolicyRef.namespaced("payments", "journey-api");
    private static final ObjectRef ENFORCED =
            new ObjectRef(ClusterKind.CALICO_NETWORK_POLICY, "payments", "journey-api");

    private static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    ClusterReader cluster;

    @BeforeAll
    static void startBrowser() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        browser = HeadlessChromium.start(1366, 1000);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    static CalicoPolicy allowApi(int port) {
        return (CalicoPolicy)
                ManifestReader.read("journey", """
                        apiVersion: projectcalico.org/v3
                        kind: NetworkPolicy
                        metadata: {name: journey-api, namespace: payments}
                        spec:
                          tier: default
                          order: 100
                          selector: app == 'api'
                          ingress: [{action: Allow, protocol: TCP, source: {selector: app == 'web'}, destination: {ports: [%d]}}]
                        """.formatted(port)).objects().getFirst();
    }

    @Test
    void stagePromoteSeeItInTheClusterAndRollBack() throws IOException {
        drafts.save(ALICE, allowApi(8080), null);
        browser.manage().deleteAllCookies();
        signIn("alice");

        browser.get(portal("/namespaces/payments/policies/journey-api"));
        assertThat(texts(By.cssSelector("#policy h1"))).containsExactly("NetworkPolicy payments/journey-api");
        stageAndPromote();
        assertThat(flash()).contains("payments/journey-api is in force: version 1");
        assertThat(enforcedPorts()).isEqualTo("[8080]");

        PolicyDraft enforced = drafts.find(REF).orElseThrow();
        drafts.save(ALICE, allowApi(9090), enforced.revision());
        browser.navigate().refresh();
        stageAndPromote();
        assertThat(flash()).contains("version 2");
        assertThat(enforcedPorts()).isEqualTo("[9090]");

        browser.findElement(By.cssSelector("select[name=from]")).sendKeys("version 1");
        browser.findElement(By.cssSelector("select[name=to]")).sendKeys("version 2");
        browser.findElement(By.cssSelector(".diff-form button")).click();
        waitUntil(() ->
                !browser.findElements(By.cssSelector("#diff tr.diff-added")).isEmpty());
        assertThat(texts(By.cssSelector("#diff tr.diff-removed code"))).anyMatch(line -> line.contains("8080"));
        assertThat(texts(By.cssSelector("#diff tr.diff-added code"))).anyMatch(line -> line.contains("9090"));
        browser.executeScript("document.getElementById('versions').scrollIntoView()");
        screenshot("promotion-versions.png");

        browser.findElement(By.id("rollback-reason-1")).sendKeys("9090 is not served yet");
        browser.findElement(By.xpath("//button[normalize-space()='Roll back to version 1']"))
                .click();
        waitUntil(() -> flash().contains("Version 1 is now the draft"));
        assertThat(enforcedPorts())
                .as("a rollback changes nothing until promoted")
                .isEqualTo("[9090]");
        stageAndPromote();
        assertThat(flash()).contains("version 3");
        assertThat(enforcedPorts()).isEqualTo("[8080]");
        screenshot("promotion-rolled-back.png");
        assertThat(HeadlessChromium.contentSecurityPolicyViolations(browser)).isEmpty();
    }

    @Test
    void aChangeAGuardrailFlagsGoesThroughTheApprovalQueue() throws IOException {
        drafts.save(
                ALICE,
                (CalicoPolicy) ManifestReader.read("journey", """
                        apiVersion: projectcalico.org/v3
                        kind: NetworkPolicy
                        metadata: {name: journey-ingress, namespace: payments}
                        spec:
                          tier: default
                          order: 110
                          selector: app == 'api'
                          ingress:
                          - action: Allow
                            protocol: TCP
                            source: {namespaceSelector: kubernetes.io/metadata.name == 'ingress-nginx'}
                            destination: {ports: [8080]}
                        """).objects().getFirst(),
                null);
        browser.manage().deleteAllCookies();
        signIn("alice");
        browser.get(portal("/namespaces/payments/policies/journey-ingress"));
        browser.findElement(By.xpath("//button[normalize-space()='Stage']")).click();
        waitUntil(() -> flash().contains("waits for an approver"));
        assertThat(texts(By.cssSelector("#approval-outcome p")).getFirst()).startsWith("Waiting for an approver");

        browser.manage().deleteAllCookies();
        signIn("admin");
        browser.findElement(By.linkText("Approvals")).click();
        waitUntil(
                () -> !browser.findElements(By.cssSelector("section.approval")).isEmpty());
        assertThat(texts(By.cssSelector("section.approval h2 a"))).contains("payments/journey-ingress");
        screenshot("approvals-queue.png");
        browser.findElement(By.cssSelector("section.approval textarea")).sendKeys("Ingress controller only: fine.");
        browser.findElement(By.xpath("//section[contains(@class,'approval')]//button[normalize-space()='Approve']"))
                .click();
        waitUntil(() -> flash().contains("Approved payments/journey-ingress"));

        browser.manage().deleteAllCookies();
        signIn("alice");
        browser.get(portal("/namespaces/payments/policies/journey-ingress"));
        assertThat(texts(By.cssSelector("#approval-outcome"))).anyMatch(t -> t.contains("Approved by Ada Admin"));
        browser.findElement(By.linkText("Promote…")).click();
        waitUntil(() -> !browser.findElements(By.id("promote-form")).isEmpty());
        browser.findElement(By.cssSelector("#promote-form button")).click();
        waitUntil(() -> flash().contains("payments/journey-ingress is in force: version 1"));
        screenshot("approval-promoted.png");
    }

    private void stageAndPromote() throws IOException {
        browser.findElement(By.xpath("//button[normalize-space()='Stage']")).click();
        waitUntil(() -> flash().contains("is staged"));
        screenshot("promotion-staged.png");
        browser.findElement(By.linkText("Promote…")).click();
        waitUntil(() -> !browser.findElements(By.id("promote-form")).isEmpty());
        assertThat(texts(By.cssSelector("#impact-title"))).containsExactly("What it will do");
        screenshot("promotion-confirm.png");
        browser.findElement(By.cssSelector("#promote-form button")).click();
        waitUntil(() -> flash().contains("is in force"));
    }

    /** The enforced object's ports as the portal's cluster cache sees it (waiting for the watch to catch up). */
    @SuppressWarnings("unchecked")
    private String enforcedPorts() {
        String[] ports = new String[1];
        PolicyDraft draft = drafts.find(REF).orElseThrow();
        String revision =
                drafts.version(REF, draft.enforcedVersion()).orElseThrow().clusterRevision();
        waitUntil(() -> {
            Optional<Map<String, Object>> object = cluster.snapshot().find(ENFORCED);
            if (object.isEmpty()
                    || !revision.equals(((Map<String, Object>) object.get().get("metadata")).get("resourceVersion"))) {
                return false;
            }
            Map<String, Object> spec = (Map<String, Object>) object.get().get("spec");
            Map<String, Object> rule = ((List<Map<String, Object>>) spec.get("ingress")).getFirst();
            ports[0] = String.valueOf(((Map<String, Object>) rule.get("destination")).get("ports"));
            return true;
        });
        return ports[0];
    }

    private String flash() {
        return String.join(" ", texts(By.cssSelector(".flash")));
    }

    private void signIn(String username) {
        new BrowserSession(browser, port).signIn(username);
    }

    private String portal(String path) {
        return "http://localhost:" + port + path;
    }

    private static List<String> texts(By by) {
        return HeadlessChromium.texts(browser, by);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        BrowserSession.waitUntil(browser, condition);
    }

    private static void screenshot(String name) {
        BrowserSession.screenshot(browser, name);
    }
}
