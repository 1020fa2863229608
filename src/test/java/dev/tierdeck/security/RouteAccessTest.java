package dev.tierdeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.tierdeck.cluster.DemoClusters;
import dev.tierdeck.policy.Policies;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.promotion.PermissionTableTest.Scope;
import dev.tierdeck.promotion.PermissionTableTest.Who;
import dev.tierdeck.security.SecurityRoutes.Caller;
import dev.tierdeck.security.SecurityRoutes.Cell;
import dev.tierdeck.security.SecurityRoutes.Fixtures;
import dev.tierdeck.security.SecurityRoutes.Route;
import dev.tierdeck.tenancy.Team;
import dev.tierdeck.tenancy.Teams;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every route the portal maps, with every verb, for every role and not signed in, in every scope the route has (the
 * team's namespace, another team's, a locked tier, a confidential tier, a global policy): a refusal answers 403 (401,
 * or the way to sign in, when not signed in) and leaves every table and every Calico object as it was; an allowed
 * call is not refused. The routes come from Spring's own mapping, so a route added without an expectation fails the
 * first test.
 */
@SpringBootTest(
        properties = {
            "tierdeck.cluster.source=demo",
            "tierdeck.identity.demo.port=0",
            "tierdeck.database.embedded.database=security_routes",
            "tierdeck.flow.demo-feed.enabled=false"
        })
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RouteAccessTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    Teams teams;

    private KubernetesClient cluster;
    private StateFingerprint fingerprint;
    private Fixtures fixtures;

    @BeforeAll
    void fixtures() throws Exception {
        cluster = DemoClusters.of(context).adminClient();
        fingerprint = new StateFingerprint(jdbc, cluster);
        Team payments = teams.find("payments").orElseThrow();
        teams.update(
                new Team(
                        payments.name(),
                        payments.description(),
                        payments.groups(),
                        payments.namespacePatterns(),
                        List.of("tierdeck-security-admins", "payments-approvers")),
                "test");
        String untouched = fingerprint.clusterVersion();
        ok(post("/api/v1/tiers")
                .with(Who.PLATFORM_ADMIN.token())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"vault\",\"order\":150,\"defaultAction\":\"Pass\",\"confidential\":true,"
                        + "\"comment\":\"t\"}"));
        ok(post("/api/v1/tiers")
                .with(Who.PLATFORM_ADMIN.token())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"shared\",\"order\":250,\"defaultAction\":\"Pass\",\"comment\":\"t\"}"));
        ok(post("/api/v1/tiers")
                .with(Who.PLATFORM_ADMIN.token())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + SecurityRoutes.OPEN_TIER + "\",\"order\":260,\"defaultAction\":\"Pass\","
                        + "\"comment\":\"t\"}"));
        assertThat(fingerprint.clusterVersion())
                .as("the cluster's resourceVersion moves with every write")
                .isNotEqualTo(untouched);
        for (Scope scope : Scope.values()) {
            drafts.save(scope.author, Policies.yaml(SecurityRoutes.policyYaml(scope, 8080)), null);
        }
        fixtures = new Fixtures(Map.of(Scope.TEAM_NAMESPACE, awaitingApproval()));
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            fingerprint.take();
        }
        System.out.println(
                "FINGERPRINT ms " + (System.nanoTime() - start) / 10_000_000 + "\n" + fingerprint.database());
    }

    /** A change of the team's namespace that reaches another team's, so the peer guardrail asks for an approver. */
    private long awaitingApproval() throws Exception {
        Scope scope = Scope.TEAM_NAMESPACE;
        drafts.save(scope.author, Policies.yaml("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: sec-approval, namespace: payments}
                spec:
                  tier: default
                  order: 100
                  selector: app == 'api'
                  ingress:
                  - {action: Allow, protocol: TCP, source: {namespaceSelector: kubernetes.io/metadata.name == 'catalog'}}
                """), null);
        ok(post("/api/v1/namespaces/payments/policies/sec-approval/stage").with(scope.authorToken()));
        String queue = mvc.perform(get("/api/v1/approvals").with(Who.PLATFORM_ADMIN.token()))
                .andReturn()
                .getResponse()
                .getContentAsString();
        for (JsonNode approval : JSON.readTree(queue)) {
            if (approval.path("name").asString().equals("sec-approval")) {
                return approval.path("id").asLong();
            }
        }
        throw new IllegalStateException("no approval was asked for: " + queue);
    }

    @AfterAll
    void closeTheClient() {
        cluster.close();
    }

    @Test
    @Order(1)
    void everyMappedRouteHasAnExpectation() {
        Set<String> table = new TreeSet<>();
        SecurityRoutes.all().forEach(r -> table.add(r.key()));
        table.addAll(SecurityRoutes.ELSEWHERE.keySet());
        Set<String> mapped = mappedRoutes(context);
        Set<String> missing = new TreeSet<>(mapped);
        missing.removeAll(table);
        Set<String> stale = new TreeSet<>(table);
        stale.removeAll(mapped);
        assertThat(missing).as("routes with no expectation in SecurityRoutes").isEmpty();
        assertThat(stale).as("expectations for routes that are not mapped").isEmpty();
    }

    /** Verb and pattern of every handler method; a mapping without verbs answers them all and counts as GET. */
    static Set<String> mappedRoutes(ApplicationContext context) {
        RequestMappingHandlerMapping mapping =
                context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        Set<String> out = new TreeSet<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            Set<org.springframework.web.bind.annotation.RequestMethod> methods =
                    info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    out.add("GET " + pattern);
                }
                methods.forEach(m -> out.add(m.name() + " " + pattern));
            }
        }
        return out;
    }

    /**
     * A write with the browser's session but without the CSRF token, by someone who may make it: 403, and nothing
     * changed. Before the matrix, so that every target is still there.
     */
    @TestFactory
    @Order(2)
    Stream<DynamicTest> everyStateChangingRouteRefusesASessionWithoutTheCsrfToken() {
        return SecurityRoutes.all().stream()
                .filter(Route::changesState)
                .map(route -> DynamicTest.dynamicTest(route.key(), () -> {
                    Scope scope = route.scopes().get(0);
                    Set<Who> allowed = route.allowed().apply(scope);
                    Who who = allowed.contains(Who.PLATFORM_ADMIN)
                            ? Who.PLATFORM_ADMIN
                            : allowed.iterator().next();
                    String before = state();
                    MvcResult result = mvc.perform(route.request()
                                    .apply(scope, fixtures)
                                    .with(who.session())
                                    .accept(
                                            route.caller() == Caller.API
                                                    ? MediaType.APPLICATION_JSON
                                                    : MediaType.TEXT_HTML))
                            .andReturn();
                    state = null;
                    assertThat(result.getResponse().getStatus())
                            .as(who.username + " " + route.key() + ": "
                                    + result.getResponse().getContentAsString())
                            .isEqualTo(403);
                    assertThat(state()).as("nothing changed without the token").isEqualTo(before);
                }));
    }

    @TestFactory
    @Order(3)
    Stream<DynamicTest> everyRouteTimesEveryRoleTimesEveryScope() {
        // refusals first, against fixtures no allowed call has touched yet; deletions last
        List<Cell> cells = new ArrayList<>(SecurityRoutes.cells(SecurityRoutes.all()));
        cells.sort(Comparator.comparing((Cell c) -> c.allowed())
                .thenComparing(c -> c.route().destructive()));
        return cells.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> run(c)));
    }

    private void run(Cell cell) throws Exception {
        Route route = cell.route();
        MockHttpServletRequestBuilder request = route.request().apply(cell.scope(), fixtures);
        Who who = cell.who();
        boolean page = route.caller() != Caller.API;
        if (page) {
            request.accept(MediaType.TEXT_HTML);
            if (route.changesState()) {
                request.with(csrf());
            }
        }
        if (who != null) {
            request.with(page ? who.session() : who.token());
        } else if (route.changesState()) {
            request.with(csrf()); // so that what refuses it is the missing sign-in
        }
        String before = cell.allowed() ? "" : state();
        MvcResult result = mvc.perform(request).andReturn();
        int status = result.getResponse().getStatus();
        String said = cell + ": " + result.getResponse().getContentAsString();
        if (cell.allowed()) {
            state = null;
            assertThat(status).as(said).isNotIn(401, 403).isLessThan(500);
            return;
        }
        if (who != null) {
            assertThat(status).as(said).isEqualTo(403);
        } else if (page) {
            assertThat(status).as(said).isEqualTo(302);
            assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/oauth2/authorization/tierdeck");
        } else {
            assertThat(status).as(said).isEqualTo(401);
        }
        state = null;
        assertThat(state()).as(cell + ": nothing changed after the refusal").isEqualTo(before);
    }

    /** The state after the last cell, taken again only when a cell may have changed it. */
    private @Nullable String state;

    private String state() {
        if (state == null) {
            state = fingerprint.take();
        }
        return state;
    }

    private void ok(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isBetween(200, 299);
    }

    static boolean writes(HttpMethod method) {
        return method != HttpMethod.GET;
    }
}
