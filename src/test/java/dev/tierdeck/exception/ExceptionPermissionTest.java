package dev.tierdeck.exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.tierdeck.policy.TestUsers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Who may ask, see and decide: the requester never grants, an admin who does not own the locked tier does not either,
 * another team's developer neither sees nor decides, a viewer does not ask; every refusal leaves nothing behind.
 */
@ExceptionTest
class ExceptionPermissionTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ExceptionExpiry expiry;

    @AfterEach
    void takeEverythingBack() {
        jdbc.sql("update policy_exception set state = 'REVOKED' where state = 'ACTIVE'")
                .update();
        expiry.run(Duration.ZERO);
        jdbc.sql("delete from policy_exception").update();
    }

    long ask(RequestPostProcessor who) throws Exception {
        String body = mvc.perform(post("/api/v1/exceptions")
                        .with(who)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ExceptionLifecycleTest.request(ExceptionLifecycleTest.FLOW, "PT2H")))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    long audited() {
        return jdbc.sql("select count(*) from audit_record where action like 'exception.%'")
                .query(Long.class)
                .single();
    }

    String state(long id) {
        return jdbc.sql("select state from policy_exception where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    @Test
    void nobodyGrantsTheirOwnRequest() throws Exception {
        // the platform admin may ask: the security tier is locked to the security admins
        long id = ask(TestUsers.ADMIN.token());
        long before = audited();
        mvc.perform(post("/api/v1/exceptions/" + id + "/approve").with(TestUsers.ADMIN.token()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("own exception")));
        assertThat(state(id)).isEqualTo("PENDING");
        assertThat(audited()).isEqualTo(before);
    }

    @Test
    void anAdminWhoDoesNotOwnTheLockedTierNeitherGrantsNorRejects() throws Exception {
        long id = ask(TestUsers.ALICE.token());
        long before = audited();
        mvc.perform(post("/api/v1/exceptions/" + id + "/approve").with(TestUsers.ADMIN.token()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("tierdeck-security-admins")));
        mvc.perform(post("/api/v1/exceptions/" + id + "/reject")
                        .with(TestUsers.ADMIN.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"comment\":\"no\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/exceptions/" + id + "/approve").with(TestUsers.ALICE.token()))
                .andExpect(status().isForbidden());
        assertThat(state(id)).isEqualTo("PENDING");
        assertThat(audited()).isEqualTo(before);
    }

    @Test
    void anotherTeamsDeveloperNeitherSeesNorDecidesNorAsksForTheFlow() throws Exception {
        long id = ask(TestUsers.ALICE.token());
        mvc.perform(get("/api/v1/exceptions/" + id).with(TestUsers.BOB.token())).andExpect(status().isNotFound());
        String list = mvc.perform(get("/api/v1/exceptions").with(TestUsers.BOB.token()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(JsonPath.<List<Object>>read(list, "$[*].id")).doesNotContain((int) id);
        mvc.perform(post("/api/v1/exceptions/" + id + "/approve").with(TestUsers.BOB.token()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/exceptions/" + id + "/revoke").with(TestUsers.BOB.token()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/exceptions/" + id).with(TestUsers.BOB.session())).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/exceptions")
                        .with(TestUsers.BOB.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ExceptionLifecycleTest.request(ExceptionLifecycleTest.FLOW, "PT2H")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/exceptions")
                        .with(TestUsers.VIEWER.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ExceptionLifecycleTest.request(ExceptionLifecycleTest.FLOW, "PT2H")))
                .andExpect(status().isForbidden());
        // the team and the tier's owners see it
        mvc.perform(get("/api/v1/exceptions/" + id).with(TestUsers.ALICE.token()))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/exceptions").param("state", "PENDING").with(TestUsers.SECURITY.token()))
                .andExpect(jsonPath("$[0].id").value((int) id));
        mvc.perform(get("/api/v1/exceptions").param("state", "sleeping").with(TestUsers.SECURITY.token()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems[0].field").value("state"));
        assertThat(jdbc.sql("select count(*) from policy_exception")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void theOwnerOfTheTierMayNotAskButChangesItThemselves() throws Exception {
        mvc.perform(post("/api/v1/exceptions")
                        .with(TestUsers.SECURITY.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ExceptionLifecycleTest.request(ExceptionLifecycleTest.FLOW, "PT2H")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value(containsString("you may change policies yourself")));
    }

    @Test
    void theRequesterMayRevokeTheirGrantedException() throws Exception {
        long id = ask(TestUsers.ALICE.token());
        mvc.perform(post("/api/v1/exceptions/" + id + "/approve").with(TestUsers.SECURITY.token()))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/exceptions/" + id + "/revoke")
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"comment\":\"The migration finished early.\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("REVOKED"));
        assertThat(jdbc.sql("select action from audit_record where target_name = :n order by id")
                        .param("n", "exception-" + id)
                        .query(String.class)
                        .list())
                .startsWith("exception.requested", "exception.granted", "exception.revoked");
    }
}
