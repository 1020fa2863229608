package dev.tierdeck.exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.tierdeck.audit.AuditIntents;
import dev.tierdeck.audit.AuditLog;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.DemoClusters;
import dev.tierdeck.policy.TestUsers;
import dev.tierdeck.system.leader.LeaderLock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The cluster fails while an exception expires, and the job that noticed is gone before the cluster recovers: the
 * removal is owed in PostgreSQL, with the cluster's answer, and a new instance of the job (a restarted replica, which
 * knows only what the database holds) removes the policy once the cluster answers again, recording it once.
 */
@ExceptionTest
class ExceptionOutageTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Autowired
    ExceptionExpiry expiry;

    @AfterEach
    void takeEverythingBack() {
        jdbc.sql("update policy_exception set state = 'REVOKED' where state = 'ACTIVE'")
                .update();
        expiry.run(Duration.ZERO);
        jdbc.sql("delete from policy_exception").update();
    }

    @Test
    void anExpiryWhileTheClusterFailsIsRemovedAfterRecoveryByAFreshJob() throws Exception {
        String body = mvc.perform(post("/api/v1/exceptions")
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ExceptionLifecycleTest.request(ExceptionLifecycleTest.FLOW, "PT2H")))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long id = ((Number) JsonPath.read(body, "$.id")).longValue();
        mvc.perform(post("/api/v1/exceptions/" + id + "/approve")
                        .with(TestUsers.SECURITY.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"duration\":\"PT2S\"}"))
                .andExpect(status().isOk());
        String path = "/apis/projectcalico.org/v3/globalnetworkpolicies/exception-" + id;
        DemoClusters.of(context)
                .server()
                .expect()
                .delete()
                .withPath(path)
                .andReturn(500, "{\"kind\":\"Status\",\"code\":500,\"message\":\"etcd is sad\"}")
                .times(3);
        ExceptionLifecycleTest.await("the watch cache holds the policy", () -> policyHeld(id));
        Thread.sleep(2100);

        expiry.run(Duration.ofMinutes(2));
        assertThat(row(id, "state")).isEqualTo("EXPIRED");
        assertThat(row(id, "removed_at")).as("the cluster did not confirm").isNull();
        assertThat(row(id, "last_removal_error")).contains("500");
        assertThat(policyHeld(id)).isTrue();

        // a replica that starts now knows only the database
        ExceptionExpiry restarted = new ExceptionExpiry(
                context.getBean(ExceptionStore.class),
                context.getBean(ExceptionRemoval.class),
                context.getBean(AuditLog.class),
                context.getBean(AuditIntents.class),
                context.getBean(ClusterReader.class),
                context.getBean(TransactionTemplate.class),
                context,
                context.getBean(LeaderLock.class),
                context.getBean(ExceptionProperties.class),
                context.getBean(ExceptionClock.class));
        ExceptionLifecycleTest.await("removed once the cluster answers again", () -> {
            restarted.run(Duration.ofMinutes(2));
            return row(id, "removed_at") != null;
        });
        ExceptionLifecycleTest.await("gone from the cluster", () -> !policyHeld(id));
        assertThat(jdbc.sql("select action from audit_record where target_name = :n order by id")
                        .param("n", "exception-" + id)
                        .query(String.class)
                        .list())
                .containsExactly("exception.requested", "exception.granted", "exception.expired", "exception.removed");
        assertThat(jdbc.sql("select count(*) from change_intent")
                        .query(Long.class)
                        .single())
                .as("no intent left behind")
                .isZero();
    }

    boolean policyHeld(long id) {
        return DemoClusters.of(context)
                        .adminClient()
                        .genericKubernetesResources("projectcalico.org/v3", "GlobalNetworkPolicy")
                        .withName("exception-" + id)
                        .get()
                != null;
    }

    String row(long id, String column) {
        java.util.List<String> values = jdbc.sql("select " + column + "::text from policy_exception where id = :id")
                .param("id", id)
                .query(String.class)
                .list();
        return values.isEmpty() ? null : values.getFirst();
    }
}
