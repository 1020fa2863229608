package dev.tierdeck.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.policy.Policies;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.TestUsers;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/** Every promotion route, every verb, checked on the server: another team's developer changes nothing. */
@PromotionTest
class PromotionSecurityTest {

    private static final AtomicInteger TESTS = new AtomicInteger();

    private String name;
    private String page;
    private String api;
    private PolicyRef ref;

    @Autowired
    MockMvc mvc;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    private PolicyDraft before;

    @BeforeEach
    void aStagedPolicyOfThePaymentsTeamWithOneVersion() throws Exception {
        // a name per test: the cluster keeps what earlier tests left
        name = "guarded-api-" + TESTS.incrementAndGet();
        page = "/namespaces/payments/policies/" + name;
        api = "/api/v1/namespaces/payments/policies/" + name;
        ref = PolicyRef.namespaced("payments", name);
        drafts.save(TestUsers.ALICE.user(), Policies.allowApi("payments", name, 8080), null);
        mvc.perform(post(api + "/stage").with(TestUsers.ALICE.token())).andExpect(status().isOk());
        mvc.perform(post(api + "/promote").with(TestUsers.ALICE.token())).andExpect(status().isOk());
        PolicyDraft enforced = drafts.find(ref).orElseThrow();
        drafts.save(TestUsers.ALICE.user(), Policies.allowApi("payments", name, 9090), enforced.revision());
        mvc.perform(post(api + "/stage").with(TestUsers.ALICE.token())).andExpect(status().isOk());
        before = drafts.find(ref).orElseThrow();
    }

    @AfterEach
    void forget() {
        Cleanup.policies(jdbc, "guarded-");
    }

    private List<RequestBuilder> everyRoute(
            org.springframework.test.web.servlet.request.RequestPostProcessor session,
            org.springframework.test.web.servlet.request.RequestPostProcessor token) {
        return List.of(
                get(page).with(session),
                get(page).with(session).header("HX-Request", "true"),
                get(page + "/versions/diff").param("from", "1").with(session),
                get(page + "/promote").with(session),
                post(page + "/stage").with(session).with(csrf()),
                post(page + "/promote").param("key", "intruder").with(session).with(csrf()),
                post(page + "/promote")
                        .param("key", "intruder-htmx")
                        .header("HX-Request", "true")
                        .with(session)
                        .with(csrf()),
                post(page + "/rollback").param("version", "1").with(session).with(csrf()),
                post(page + "/delete").with(session).with(csrf()),
                post(api + "/stage").with(token),
                post(api + "/promote").header("Idempotency-Key", "intruder-api").with(token),
                post(api + "/rollback").param("version", "1").with(token),
                delete(api).with(token),
                get(page + "/delete").with(session),
                post(page + "/delete").param("reason", "intruder").with(session).with(csrf()),
                delete(api).param("reason", "intruder").with(token));
    }

    @Test
    void aDeveloperOfAnotherTeamIsRefusedEverywhereAndNothingChanges() throws Exception {
        for (RequestBuilder request : everyRoute(TestUsers.BOB.session(), TestUsers.BOB.token())) {
            mvc.perform(request).andExpect(status().isForbidden());
        }
        assertNothingChanged();
    }

    @Test
    void aViewerReadsButChangesNothing() throws Exception {
        mvc.perform(get(page).with(TestUsers.VIEWER.session())).andExpect(status().isOk());
        List<RequestBuilder> writes =
                everyRoute(TestUsers.VIEWER.session(), TestUsers.VIEWER.token()).subList(3, 16);
        for (RequestBuilder request : writes) {
            mvc.perform(request).andExpect(status().isForbidden());
        }
        assertNothingChanged();
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() throws Exception {
        for (String action : List.of("/stage", "/promote", "/rollback?version=1", "/delete")) {
            mvc.perform(post(page + action).with(TestUsers.ALICE.session())).andExpect(status().isForbidden());
        }
        assertNothingChanged();
    }

    private void assertNothingChanged() {
        assertThat(drafts.find(ref)).contains(before);
        assertThat(drafts.versions(ref)).hasSize(1);
        assertThat(jdbc.sql("select count(*) from promotion_key where idempotency_key like 'intruder%'")
                        .query(Long.class)
                        .single())
                .isZero();
        Cluster cluster = new Cluster(context);
        assertThat(cluster.staged("payments", name)).isNotNull();
        assertThat(cluster.staged("payments", name).getMetadata().getResourceVersion())
                .isEqualTo(before.stagedResourceVersion());
        assertThat(cluster.enforced("payments", name)).isNotNull();
    }
}
