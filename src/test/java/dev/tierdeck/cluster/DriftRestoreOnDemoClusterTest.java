package dev.tierdeck.cluster;

import static dev.tierdeck.system.TestUsers.admin;
import static dev.tierdeck.system.TestUsers.security;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.audit.AuditLog;
import dev.tierdeck.audit.AuditQuery;
import dev.tierdeck.audit.AuditRecord;
import dev.tierdeck.system.FlashMessage;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** A locked-tier policy changed behind Tierdeck's back on the demo cluster, found and put back from the drift screen. */
@SpringBootTest
@AutoConfigureMockMvc
class DriftRestoreOnDemoClusterTest {

    static final ObjectRef METADATA = new ObjectRef(ClusterKind.GLOBAL_NETWORK_POLICY, null, "deny-cloud-metadata");

    @Autowired
    MockMvc mvc;

    @Autowired
    ClusterConnection connection;

    @Autowired
    ClusterCache cache;

    @Autowired
    DriftMonitor drift;

    @Autowired
    AuditLog audit;

    @Test
    @SuppressWarnings("unchecked")
    void aLockedTierPolicyChangedOutOfBandIsShownRestoredAndAudited() throws Exception {
        GatewayFixture.await(() -> !cache.snapshot().stale(), "the demo cluster's cache to sync");
        drift.scan(); // the baseline of the locked tiers
        assertThat(drift.drift()).noneMatch(d -> d.ref().equals(METADATA));

        connection
                .client()
                .genericKubernetesResources(ClusterCache.context(ClusterKind.GLOBAL_NETWORK_POLICY))
                .withName("deny-cloud-metadata")
                .edit(r -> {
                    ((Map<String, Object>) r.getAdditionalProperties().get("spec")).put("selector", "team == 'x'");
                    return r;
                });
        GatewayFixture.await(() -> selector().equals(Optional.of("team == 'x'")), "the cache to see the change");
        drift.scan();
        Drift found = drift.drift().stream()
                .filter(d -> d.ref().equals(METADATA))
                .findFirst()
                .orElseThrow();
        assertThat(found.reason()).isEqualTo(Drift.Reason.LOCKED_TIER_CHANGED);
        assertThat(found.tier()).isEqualTo("security");

        mvc.perform(get("/admin/drift").with(admin()))
                .andExpect(content()
                        .string(allOf(
                                containsString("<code>deny-cloud-metadata</code>"),
                                containsString("<code>spec.selector</code>"),
                                containsString("<code>team == &#39;x&#39;</code>"))));

        long recorded =
                audit.find(AuditQuery.all().withAction("drift.restored"), 0).total();
        mvc.perform(post("/admin/drift/" + found.id() + "/restore")
                        .with(security())
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/drift"));

        GatewayFixture.await(() -> selector().equals(Optional.of("all()")), "the cluster to converge");
        drift.scan();
        assertThat(drift.drift()).noneMatch(d -> d.ref().equals(METADATA));
        mvc.perform(get("/admin/drift").with(admin()))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("deny-cloud-metadata"))));

        var records = audit.find(AuditQuery.all().withAction("drift.restored"), 0);
        assertThat(records.total()).isEqualTo(recorded + 1);
        AuditRecord record = records.records().stream()
                .filter(r -> "deny-cloud-metadata".equals(r.targetName()))
                .findFirst()
                .orElseThrow();
        assertThat(record.tier()).isEqualTo("security");
        assertThat(record.before()).contains("spec.selector: team == 'x'");
        assertThat(record.after()).contains("spec.selector: all()");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAdminWhoDoesNotOwnTheLockedTierIsRefusedAndNothingChanges() throws Exception {
        GatewayFixture.await(() -> !cache.snapshot().stale(), "the demo cluster's cache to sync");
        drift.scan();
        connection
                .client()
                .genericKubernetesResources(ClusterCache.context(ClusterKind.GLOBAL_NETWORK_POLICY))
                .withName("deny-cloud-metadata")
                .edit(r -> {
                    ((Map<String, Object>) r.getAdditionalProperties().get("spec")).put("selector", "team == 'y'");
                    return r;
                });
        GatewayFixture.await(() -> selector().equals(Optional.of("team == 'y'")), "the cache to see the change");
        drift.scan();
        Drift found = drift.drift().stream()
                .filter(d -> d.ref().equals(METADATA))
                .findFirst()
                .orElseThrow();
        long recorded =
                audit.find(AuditQuery.all().withAction("drift.restored"), 0).total();

        // the platform admin does not own the locked security tier, and the demo cluster has no RBAC to say so
        mvc.perform(post("/admin/drift/" + found.id() + "/restore")
                        .with(admin())
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/drift"))
                .andExpect(
                        flash().attribute(
                                        "flash",
                                        FlashMessage.error(
                                                "The tier security is locked; only members of tierdeck-security-admins"
                                                        + " may change it. Its objects are restored by them too; nothing was changed.")));
        mvc.perform(post("/api/v1/drift/" + found.id() + "/restore")
                        .with(admin())
                        .with(csrf()))
                .andExpect(status().isForbidden());

        Thread.sleep(500);
        assertThat(selector()).contains("team == 'y'");
        drift.scan();
        assertThat(drift.drift()).anyMatch(d -> d.ref().equals(METADATA));
        assertThat(audit.find(AuditQuery.all().withAction("drift.restored"), 0).total())
                .isEqualTo(recorded);

        mvc.perform(post("/api/v1/drift/" + found.id() + "/restore")
                        .with(security())
                        .with(csrf()))
                .andExpect(status().isOk());
        GatewayFixture.await(() -> selector().equals(Optional.of("all()")), "the owner's restore");
    }

    private Optional<Object> selector() {
        return cache.snapshot().find(METADATA).map(o -> ManifestMaps.spec(o).get("selector"));
    }
}
