package dev.tierdeck.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.Policies;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyState;
import dev.tierdeck.policy.TestUsers;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Stage, confirm, promote (once per key), version history and rollback, through the pages and the API. */
@PromotionTest
class PromotionFlowTest {

    static final CurrentUser ALICE = TestUsers.ALICE.user();

    @Autowired
    MockMvc mvc;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    Promotions promotions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @AfterEach
    void forget() {
        Cleanup.policies(jdbc, "flow-");
    }

    private PolicyDraft draft(String name, int port) {
        return drafts.save(ALICE, Policies.allowApi("payments", name, port), null);
    }

    private static String page(String name) {
        return "/namespaces/payments/policies/" + name;
    }

    @Test
    void stagingWritesTheStagedPolicyToTheClusterAsTheUser() throws Exception {
        draft("flow-stage", 8080);

        mvc.perform(post(page("flow-stage") + "/stage")
                        .with(TestUsers.ALICE.session())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl(page("flow-stage")))
                .andExpect(flash().attribute("flash", org.hamcrest.Matchers.hasToString(containsString("is staged"))));

        PolicyDraft staged =
                drafts.find(PolicyRef.namespaced("payments", "flow-stage")).orElseThrow();
        assertThat(staged.state()).isEqualTo(PolicyState.STAGED);
        var inCluster = new Cluster(context).staged("payments", "flow-stage");
        assertThat(inCluster).isNotNull();
        assertThat(inCluster.getMetadata().getResourceVersion()).isEqualTo(staged.stagedResourceVersion());
        assertThat(Cluster.spec(inCluster))
                .containsEntry("selector", "app == 'api'")
                .containsEntry("tier", "default");
        assertThat(new Cluster(context).enforced("payments", "flow-stage")).isNull();

        mvc.perform(get(page("flow-stage")).with(TestUsers.ALICE.session()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("staged"),
                                containsString("Staged in the cluster: what Calico reports"),
                                containsString("newly denied"),
                                containsString("Promote…"))));
    }

    @Test
    void theConfirmationRestatesTheImpactAndPromotesOncePerKey() throws Exception {
        draft("flow-promote", 8080);
        mvc.perform(post(page("flow-promote") + "/stage")
                .with(TestUsers.ALICE.session())
                .with(csrf()));

        String confirmation = mvc.perform(get(page("flow-promote") + "/promote").with(TestUsers.ALICE.session()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("would newly deny 3 connections ("),
                                containsString("ingress-nginx/controller-*"),
                                containsString("class=\"diff-added\""),
                                containsString("name=\"key\""))))
                .andReturn()
                .getResponse()
                .getContentAsString();
        Matcher key = Pattern.compile("name=\"key\" value=\"([^\"]+)\"").matcher(confirmation);
        assertThat(key.find()).isTrue();

        for (int submission = 0; submission < 2; submission++) {
            mvc.perform(post(page("flow-promote") + "/promote")
                            .with(TestUsers.ALICE.session())
                            .with(csrf())
                            .param("key", key.group(1)))
                    .andExpect(redirectedUrl(page("flow-promote")))
                    .andExpect(flash().attribute(
                                    "flash",
                                    org.hamcrest.Matchers.hasToString(allOf(
                                            containsString("is in force: version 1"),
                                            containsString("cluster revision")))));
        }

        PolicyRef ref = PolicyRef.namespaced("payments", "flow-promote");
        assertThat(drafts.versions(ref)).hasSize(1);
        assertThat(drafts.find(ref).orElseThrow().state()).isEqualTo(PolicyState.ENFORCED);
        Cluster cluster = new Cluster(context);
        assertThat(cluster.enforced("payments", "flow-promote")).isNotNull();
        assertThat(cluster.staged("payments", "flow-promote")).isNull();
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'promotion.completed'"
                                + " and target_name = 'flow-promote' and impact is not null")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void twoConcurrentSubmissionsWithTheSameKeyPromoteOnceAndGetTheSameResult() throws Exception {
        draft("flow-twice", 8080);
        PolicyRef ref = PolicyRef.namespaced("payments", "flow-twice");
        mvc.perform(post(page("flow-twice") + "/stage")
                .with(TestUsers.ALICE.session())
                .with(csrf()));
        CountDownLatch start = new CountDownLatch(1);
        Callable<Promotion> submit = () -> {
            start.await();
            return promotions.promote(ALICE, ref, "double-click-1");
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Promotion> first = threads.submit(submit);
            Future<Promotion> second = threads.submit(submit);
            start.countDown();

            Promotion a = first.get(30, TimeUnit.SECONDS);
            Promotion b = second.get(30, TimeUnit.SECONDS);
            assertThat(a).isEqualTo(b);
            assertThat(a.version()).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
        assertThat(drafts.versions(ref)).hasSize(1);
    }

    @Test
    void theApiHonoursTheIdempotencyKey() throws Exception {
        draft("flow-api", 8080);
        String api = "/api/v1/namespaces/payments/policies/flow-api";
        mvc.perform(post(api + "/stage").with(TestUsers.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.draft.state").value("STAGED"))
                .andExpect(jsonPath("$.approvalId").doesNotExist());

        String first = mvc.perform(
                        post(api + "/promote").with(TestUsers.ALICE.token()).header("Idempotency-Key", "api-key-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.newlyDenied").value(3))
                .andExpect(jsonPath("$.settled").value(true))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String again = mvc.perform(
                        post(api + "/promote").with(TestUsers.ALICE.token()).header("Idempotency-Key", "api-key-1"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(again).isEqualTo(first);

        // a new key is a new request: there is nothing staged to promote any more
        mvc.perform(post(api + "/promote").with(TestUsers.ALICE.token()).header("Idempotency-Key", "api-key-2"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("already in force")));
        assertThat(drafts.versions(PolicyRef.namespaced("payments", "flow-api")))
                .hasSize(1);
    }

    @Test
    void versionsAreComparedLineByLineAndARollbackBecomesTheDraft() throws Exception {
        PolicyRef ref = PolicyRef.namespaced("payments", "flow-versions");
        draft("flow-versions", 8080);
        promote(ref);
        PolicyDraft enforced = drafts.find(ref).orElseThrow();
        drafts.save(ALICE, Policies.allowApi("payments", "flow-versions", 9090), enforced.revision());
        promote(ref);
        assertThat(drafts.versions(ref)).hasSize(2);

        mvc.perform(get(page("flow-versions") + "/versions/diff")
                        .param("from", "1")
                        .param("to", "2")
                        .with(TestUsers.ALICE.session()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("<html"),
                                containsString("Version 1 → version 2"),
                                containsString("class=\"diff-removed\""),
                                containsString("class=\"diff-added\""),
                                containsString("1 line added, 1 removed"),
                                not(containsString("style=")))));
        mvc.perform(get(page("flow-versions") + "/versions/diff")
                        .param("from", "1")
                        .header("HX-Request", "true")
                        .with(TestUsers.ALICE.session()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"diff\""),
                                containsString("Version 1 → the draft"),
                                not(containsString("<html")))));

        mvc.perform(post(page("flow-versions") + "/rollback")
                        .param("version", "1")
                        .with(TestUsers.ALICE.session())
                        .with(csrf()))
                .andExpect(redirectedUrl(page("flow-versions")))
                .andExpect(
                        flash().attribute("flash", org.hamcrest.Matchers.hasToString(containsString("Give a reason"))));
        assertThat(drafts.find(ref).orElseThrow().policy().toString()).contains("9090");
        mvc.perform(post(page("flow-versions") + "/rollback")
                        .param("version", "1")
                        .param("reason", "9090 is not open on the pods yet")
                        .with(TestUsers.ALICE.session())
                        .with(csrf()))
                .andExpect(redirectedUrl(page("flow-versions")))
                .andExpect(flash().attribute(
                                "flash",
                                org.hamcrest.Matchers.hasToString(allOf(
                                        containsString("Version 1 is now the draft"),
                                        containsString("stage it, preview it and promote it")))));

        PolicyDraft rolledBack = drafts.find(ref).orElseThrow();
        assertThat(rolledBack.state()).isEqualTo(PolicyState.DRAFT);
        assertThat(rolledBack.policy())
                .isEqualTo(drafts.version(ref, 1).orElseThrow().policy());
        assertThat(Cluster.spec(new Cluster(context).enforced("payments", "flow-versions"))
                        .toString())
                .as("nothing changes in the cluster until the rollback is promoted")
                .contains("9090");

        mvc.perform(post("/api/v1/namespaces/payments/policies/flow-versions/rollback")
                        .param("version", "7")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("payments/flow-versions has no version 7."));
    }

    @Test
    void withdrawingRemovesTheStagedAndEnforcedObjectsAndKeepsTheDraftWithdrawn() throws Exception {
        PolicyRef ref = PolicyRef.namespaced("payments", "flow-delete");
        draft("flow-delete", 8080);
        promote(ref);
        PolicyDraft enforced = drafts.find(ref).orElseThrow();
        drafts.save(ALICE, Policies.allowApi("payments", "flow-delete", 9090), enforced.revision());
        mvc.perform(post(page("flow-delete") + "/stage")
                .with(TestUsers.ALICE.session())
                .with(csrf()));
        Cluster cluster = new Cluster(context);
        assertThat(cluster.staged("payments", "flow-delete")).isNotNull();
        assertThat(cluster.enforced("payments", "flow-delete")).isNotNull();

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete(
                                "/api/v1/namespaces/payments/policies/flow-delete")
                        .param("reason", "the api is retired")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isNoContent());

        assertThat(cluster.staged("payments", "flow-delete")).isNull();
        assertThat(cluster.enforced("payments", "flow-delete")).isNull();
        assertThat(drafts.find(ref).orElseThrow().state()).isEqualTo(PolicyState.WITHDRAWN);
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'promotion.withdrawn'"
                                + " and target_name = 'flow-delete'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void theHtmxRequestGetsThePageContentOnly() throws Exception {
        draft("flow-htmx", 8080);

        mvc.perform(get(page("flow-htmx")).header("HX-Request", "true").with(TestUsers.ALICE.session()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"policy\""),
                                containsString("hx-get=\"/namespaces/payments/policies/flow-htmx/preview\""),
                                containsString("href=\"/namespaces/payments/policies/flow-htmx/preview\""),
                                not(containsString("<html")))));
        mvc.perform(post(page("flow-htmx") + "/promote")
                        .header("HX-Request", "true")
                        .param("key", "htmx-key")
                        .with(TestUsers.ALICE.session())
                        .with(csrf()))
                .andExpect(status().isNoContent())
                .andExpect(header().string("HX-Redirect", page("flow-htmx")))
                .andExpect(flash().attribute(
                                "flash", org.hamcrest.Matchers.hasToString(containsString("not staged yet"))));
    }

    @Test
    void aDraftOfAPolicyWrittenOutsideTierdeckSaysWhatIsInForce() throws Exception {
        draft("flow-new", 8080);
        mvc.perform(get(page("flow-new")).with(TestUsers.ALICE.session()))
                .andExpect(content().string(containsString("nothing yet: never promoted")));
        // the demo cluster's own payments-api policy, adopted by saving a draft of the same name with a reason
        drafts.adopt(ALICE, Policies.allowApi("payments", "payments-api", 8080), "the team takes it over");
        try {
            mvc.perform(get(page("payments-api")).with(TestUsers.ALICE.session()))
                    .andExpect(content()
                            .string(allOf(
                                    containsString("a version written outside Tierdeck"),
                                    not(containsString("never promoted")))));
        } finally {
            Cleanup.policies(jdbc, "payments-api");
        }
    }

    @Test
    void theApiIsDescribedInTheOpenApiDocument() throws Exception {
        String policy = "$.paths['/api/v1/namespaces/{namespace}/policies/{name}";
        mvc.perform(get("/v3/api-docs").with(TestUsers.ADMIN.session()))
                .andExpect(status().isOk())
                .andExpect(jsonPath(policy + "/stage'].post").exists())
                .andExpect(jsonPath(policy + "/promote'].post.parameters[?(@.name == 'Idempotency-Key')]")
                        .exists())
                .andExpect(jsonPath(policy + "/rollback'].post").exists())
                .andExpect(jsonPath(policy + "'].delete").exists())
                .andExpect(jsonPath("$.paths['/api/v1/global-policies/{name}/promote'].post")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/approvals'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/approvals/{id}/approve'].post")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/approvals/{id}/reject'].post")
                        .exists());
    }

    private void promote(PolicyRef ref) throws Exception {
        String api = "/api/v1/namespaces/" + ref.namespace() + "/policies/" + ref.name();
        mvc.perform(post(api + "/stage").with(TestUsers.ALICE.token())).andExpect(status().isOk());
        mvc.perform(post(api + "/promote").with(TestUsers.ALICE.token())).andExpect(status().isOk());
    }
}
