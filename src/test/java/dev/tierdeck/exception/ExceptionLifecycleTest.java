package dev.tierdeck.exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.tierdeck.cluster.ClusterDrift;
import dev.tierdeck.cluster.DemoClusters;
import dev.tierdeck.cluster.Drift;
import dev.tierdeck.policy.TestUsers;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * An exception's whole life over the API, against the demo cluster: the flow from a checkout pod to the cloud metadata
 * address is denied by the locked security tier (deny-cloud-metadata); alice asks, security grants it shorter than
 * asked, the flow is allowed, and after the expiry the policy is gone and the flow denied again, each step in the
 * audit trail and announced as an event.
 */
@ExceptionTest
@Import(ExceptionLifecycleTest.Events.class)
class ExceptionLifecycleTest {

    static final String FLOW = "{\"source\":{\"pod\":\"checkout/checkout-frontend-8f7c6d5b9-x2k9q\"},"
            + "\"destination\":{\"ip\":\"169.254.169.254\"},\"protocol\":\"TCP\",\"port\":80}";

    /** Every exception event the portal published, in order. */
    @TestConfiguration
    static class Events {
        final List<Object> seen = new CopyOnWriteArrayList<>();

        @EventListener
        void granted(ExceptionGranted e) {
            seen.add(e);
        }

        @EventListener
        void expiring(ExceptionExpiring e) {
            seen.add(e);
        }

        @EventListener
        void expired(ExceptionExpired e) {
            seen.add(e);
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Autowired
    ExceptionExpiry expiry;

    @Autowired
    ExceptionStore store;

    @Autowired
    ClusterDrift drift;

    @Autowired
    Events events;

    @AfterEach
    void takeEverythingBack() {
        jdbc.sql("update policy_exception set state = 'REVOKED' where state = 'ACTIVE'")
                .update();
        expiry.run(Duration.ZERO);
        jdbc.sql("delete from policy_exception").update();
    }

    static String request(String flow, String duration) {
        return "{\"flow\":" + flow + ",\"reason\":\"The partner API answers here during the migration.\","
                + "\"duration\":\"" + duration + "\"}";
    }

    long ask(String duration) throws Exception {
        String body = mvc.perform(post("/api/v1/exceptions")
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(request(FLOW, duration)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    String explainAction() throws Exception {
        String body = mvc.perform(post("/api/v1/explain")
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(FLOW.replace("{\"source\"", "{\"id\":\"x\",\"source\"")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JsonPath.read(body, "$.action");
    }

    boolean explains(String action) {
        try {
            return explainAction().equals(action);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    GenericKubernetesResource policy(long id) {
        KubernetesClient client = DemoClusters.of(context).adminClient();
        return client.genericKubernetesResources("projectcalico.org/v3", "GlobalNetworkPolicy")
                .withName("exception-" + id)
                .get();
    }

    List<String> auditActions(long id) {
        return jdbc.sql("select action from audit_record where target_name = :name order by id")
                .param("name", "exception-" + id)
                .query(String.class)
                .list();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void aliceAsksSecurityGrantsShorterTheFlowIsAllowedUntilTheExpiryTakesItBack() throws Exception {
        assertThat(explainAction()).isEqualTo("Deny");
        long id = ask("PT2H");
        mvc.perform(get("/api/v1/exceptions/" + id).with(TestUsers.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("PENDING"))
                .andExpect(jsonPath("$.tier").value("security"))
                .andExpect(jsonPath("$.tierOwners[0]").value("tierdeck-security-admins"))
                .andExpect(jsonPath("$.namespace").value("checkout"))
                .andExpect(jsonPath("$.deniedBy").value(containsString("deny-cloud-metadata")))
                .andExpect(jsonPath("$.requestedDuration").value("PT2H"));

        mvc.perform(post("/api/v1/exceptions/" + id + "/approve")
                        .with(TestUsers.SECURITY.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"duration\":\"PT3H\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0].field").value("duration"));
        mvc.perform(post("/api/v1/exceptions/" + id + "/approve")
                        .with(TestUsers.SECURITY.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"duration\":\"PT3S\",\"comment\":\"For the test window only.\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("ACTIVE"))
                .andExpect(jsonPath("$.approver").value("security"))
                .andExpect(jsonPath("$.policyName").value("exception-" + id))
                .andExpect(jsonPath("$.timeLeft").isNotEmpty());

        GenericKubernetesResource written = policy(id);
        assertThat(written)
                .as("the exception's own policy in the security tier")
                .isNotNull();
        assertThat(written.getMetadata().getLabels())
                .containsEntry("tierdeck.dev/exception-id", Long.toString(id))
                .containsKey("tierdeck.dev/exception-expires");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec =
                (Map<String, Object>) written.getAdditionalProperties().get("spec");
        assertThat(spec).containsEntry("tier", "security");
        assertThat(((Number) spec.get("order")).doubleValue())
                .as("before deny-cloud-metadata (order 20), after quarantine (10)")
                .isStrictlyBetween(10.0, 20.0);
        await("explain sees the flow allowed", () -> explains("Allow"));
        assertThat(DemoClusters.of(context)
                        .adminClient()
                        .genericKubernetesResources("projectcalico.org/v3", "StagedGlobalNetworkPolicy")
                        .withName("exception-" + id)
                        .get())
                .as("the staged object is promoted, not left behind")
                .isNull();

        expiry.run(Duration.ofMinutes(2));
        assertThat(events.seen).anyMatch(e -> e instanceof ExceptionExpiring x && x.id() == id);
        Thread.sleep(3100);
        expiry.run(Duration.ofMinutes(2));
        await("the watch cache sees the policy gone", () -> policy(id) == null);
        expiry.run(Duration.ofMinutes(2));
        mvc.perform(get("/api/v1/exceptions/" + id).with(TestUsers.ALICE.token()))
                .andExpect(jsonPath("$.state").value("EXPIRED"))
                .andExpect(jsonPath("$.removed").value(true));
        await("explain sees the flow denied again", () -> explains("Deny"));
        assertThat(auditActions(id))
                .containsExactly("exception.requested", "exception.granted", "exception.expired", "exception.removed");
        List<Class<?>> kinds = new ArrayList<>();
        events.seen.stream()
                .filter(e -> e instanceof ExceptionGranted g && g.id() == id
                        || e instanceof ExceptionExpiring x && x.id() == id
                        || e instanceof ExceptionExpired d && d.id() == id)
                .forEach(e -> kinds.add(e.getClass()));
        assertThat(kinds).containsExactly(ExceptionGranted.class, ExceptionExpiring.class, ExceptionExpired.class);
    }

    @Test
    void aRejectionNeedsAReasonAndWritesNothing() throws Exception {
        long id = ask("PT2H");
        mvc.perform(post("/api/v1/exceptions/" + id + "/reject").with(TestUsers.SECURITY.token()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0].field").value("comment"));
        mvc.perform(post("/api/v1/exceptions/" + id + "/reject")
                        .with(TestUsers.SECURITY.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"comment\":\"Use the metadata proxy instead.\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("REJECTED"))
                .andExpect(jsonPath("$.decisionComment").value("Use the metadata proxy instead."));
        mvc.perform(post("/api/v1/exceptions/" + id + "/approve").with(TestUsers.SECURITY.token()))
                .andExpect(status().isConflict());
        assertThat(policy(id)).isNull();
        assertThat(auditActions(id)).containsExactly("exception.requested", "exception.rejected");
    }

    @Test
    void badRequestsNameTheFieldAndStoreNothing() throws Exception {
        long before = store.list(null).size();
        mvc.perform(post("/api/v1/exceptions")
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(request(FLOW, "PT100H")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0].field").value("duration"))
                .andExpect(jsonPath("$.detail").value(containsString("at most 72 hours")));
        mvc.perform(post("/api/v1/exceptions")
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(request(FLOW, "two hours")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0].field").value("duration"));
        mvc.perform(post("/api/v1/exceptions")
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"flow\":" + FLOW + ",\"reason\":\"a\\u0000b\",\"duration\":\"PT1H\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0].field").value("reason"))
                .andExpect(jsonPath("$.detail").value(containsString("U+0000")));
        mvc.perform(post("/api/v1/exceptions")
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(request("{\"source\":{\"pod\":\"checkout/x\"}}", "PT1H")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("destination")));
        mvc.perform(post("/api/v1/exceptions")
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"flow\":"))
                .andExpect(status().isBadRequest());
        // allowed today (checkout-frontend may call payments-api): nothing to except
        mvc.perform(post("/api/v1/exceptions")
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(request(
                                "{\"source\":{\"pod\":\"checkout/checkout-frontend-8f7c6d5b9-x2k9q\"},"
                                        + "\"destination\":{\"pod\":\"payments/payments-api-7d9f8c6b5-x2k9q\"},"
                                        + "\"protocol\":\"TCP\",\"port\":8080}",
                                "PT1H")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value(containsString("allows this flow already")));
        // denied by the end of alice's own default tier: she changes her policy instead
        mvc.perform(post("/api/v1/exceptions")
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(request(
                                "{\"source\":{\"pod\":\"checkout/checkout-frontend-8f7c6d5b9-x2k9q\"},"
                                        + "\"destination\":{\"ip\":\"203.0.113.99\"},"
                                        + "\"protocol\":\"TCP\",\"port\":443}",
                                "PT1H")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value(containsString("tier default")));
        assertThat(store.list(null)).hasSize((int) before);
    }

    @Test
    void anExceptionPolicyChangedByHandIsDrift() throws Exception {
        long id = ask("PT1H");
        mvc.perform(post("/api/v1/exceptions/" + id + "/approve").with(TestUsers.SECURITY.token()))
                .andExpect(status().isOk());
        DemoClusters.of(context)
                .adminClient()
                .genericKubernetesResources("projectcalico.org/v3", "GlobalNetworkPolicy")
                .withName("exception-" + id)
                .edit(r -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> spec =
                            (Map<String, Object>) r.getAdditionalProperties().get("spec");
                    spec.put("selector", "all()");
                    return r;
                });
        await(
                "drift names the exception's policy",
                () -> drift.drift().stream()
                        .anyMatch(d -> d.ref().name().equals("exception-" + id)
                                && d.reason() == Drift.Reason.MODIFIED_OUT_OF_BAND
                                && "security".equals(d.tier())));
    }
}
