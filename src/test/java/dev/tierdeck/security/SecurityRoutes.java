package dev.tierdeck.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import dev.tierdeck.promotion.PermissionTableTest;
import dev.tierdeck.promotion.PermissionTableTest.Scope;
import dev.tierdeck.promotion.PermissionTableTest.Who;
import dev.tierdeck.tenancy.Action;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every route of the portal, by verb and pattern as Spring maps it, with the scopes it is tried in, who may use it in
 * each, and a request that exercises it. The route matrix fails for a mapped route missing here, so a new route
 * cannot go untested. The scopes and users are the permission table's ({@link PermissionTableTest}); what a policy
 * route allows is the table's answer for its action.
 */
final class SecurityRoutes {

    private SecurityRoutes() {}

    /** Who may use a route in a scope (null: a route with no scope). */
    interface Expectation extends Function<@Nullable Scope, Set<Who>> {}

    /** How the browser or an API client calls the route. */
    enum Caller {
        /** A browser page: the session, with the CSRF token on writes. */
        PAGE,
        /** An API client: a bearer access token. */
        API,
        /** Anyone, signed in or not. */
        PUBLIC
    }

    /**
     * @param scopes the scopes the route is tried in; a single null for a route that has none
     * @param destructive deletes its target: tried last, so that it takes nothing from other cells
     */
    record Route(
            HttpMethod method,
            String pattern,
            Caller caller,
            List<@Nullable Scope> scopes,
            Expectation allowed,
            BiFunction<@Nullable Scope, Fixtures, MockHttpServletRequestBuilder> request,
            boolean destructive) {

        String key() {
            return method + " " + pattern;
        }

        boolean changesState() {
            return method != HttpMethod.GET && method != HttpMethod.HEAD;
        }
    }

    /** The ids the routes need that exist only once the fixtures are made. */
    record Fixtures(Map<Scope, Long> approvals) {

        long approval(@Nullable Scope scope) {
            Long id = approvals.get(scope == null ? Scope.TEAM_NAMESPACE : scope);
            return id == null ? 0 : id;
        }
    }

    static final List<@Nullable Scope> NONE = Collections.singletonList(null);
    static final List<@Nullable Scope> NAMESPACED_POLICY =
            List.of(Scope.TEAM_NAMESPACE, Scope.OTHER_TEAMS_NAMESPACE, Scope.LOCKED_TIER, Scope.CONFIDENTIAL_TIER);
    static final List<@Nullable Scope> GLOBAL_POLICY = List.of(Scope.GLOBAL_POLICY);
    static final List<@Nullable Scope> NAMESPACES = List.of(Scope.TEAM_NAMESPACE, Scope.OTHER_TEAMS_NAMESPACE);
    static final List<@Nullable Scope> TIERS =
            List.of(Scope.TEAM_NAMESPACE, Scope.LOCKED_TIER, Scope.CONFIDENTIAL_TIER, Scope.GLOBAL_POLICY);
    static final List<@Nullable Scope> TEAMS = NAMESPACES;

    /** The draft each policy scope keeps for the routes to act on. */
    static String policyName(Scope scope) {
        return "sec-" + scope.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The team that owns a namespace scope: payments owns payments, catalog owns catalog. */
    static String team(Scope scope) {
        return scope == Scope.OTHER_TEAMS_NAMESPACE ? "catalog" : "payments";
    }

    static Expectation everyone() {
        return scope -> EnumSet.allOf(Who.class);
    }

    static Expectation admins() {
        return scope -> EnumSet.of(Who.PLATFORM_ADMIN, Who.SECURITY_ADMIN);
    }

    /** Those who decide changes: the admins and the members of a team's approver groups. */
    static Expectation approvers() {
        return scope -> EnumSet.of(Who.PLATFORM_ADMIN, Who.SECURITY_ADMIN, Who.TEAM_APPROVER);
    }

    /** What the permission table allows for the action in the route's scope. */
    static Expectation may(Action action) {
        return scope -> PermissionTableTest.allowed(scope == null ? Scope.TEAM_NAMESPACE : scope, action);
    }

    /** A change to a tier: the locked tier's owners alone, the admins for the others. */
    static Expectation administers() {
        return scope -> PermissionTableTest.allowed(scope == null ? Scope.TEAM_NAMESPACE : scope, Action.ADMINISTER);
    }

    /**
     * Routes whose permissions are tested over HTTP by their own module's table, not yet by this matrix (so they get
     * no state fingerprint after a refusal here): route key to the test that covers it.
     */
    static final Map<String, String> ELSEWHERE = elsewhere();

    private static Map<String, String> elsewhere() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : List.of(
                "GET /exceptions",
                "GET /exceptions/new",
                "GET /exceptions/{id}",
                "POST /exceptions",
                "POST /exceptions/{id}/approve",
                "POST /exceptions/{id}/reject",
                "POST /exceptions/{id}/revoke",
                "GET /api/v1/exceptions",
                "GET /api/v1/exceptions/{id}",
                "POST /api/v1/exceptions",
                "POST /api/v1/exceptions/{id}/approve",
                "POST /api/v1/exceptions/{id}/reject",
                "POST /api/v1/exceptions/{id}/revoke")) {
            out.put(key, "ExceptionPermissionTest");
        }
        for (String key : List.of(
                "GET /assertions",
                "POST /assertions",
                "POST /assertions/{id}/delete",
                "GET /api/v1/assertions",
                "POST /api/v1/assertions",
                "PUT /api/v1/assertions",
                "GET /api/v1/assertions/violations",
                "GET /api/v1/assertions/{id:\\d+}",
                "PUT /api/v1/assertions/{id:\\d+}",
                "DELETE /api/v1/assertions/{id:\\d+}")) {
            out.put(key, "AssertionApiTest");
        }
        for (String key : List.of(
                "GET /admin/webhooks",
                "GET /admin/webhooks/{id}",
                "POST /admin/webhooks",
                "POST /admin/webhooks/{id}/delete",
                "GET /api/v1/webhooks",
                "POST /api/v1/webhooks",
                "GET /api/v1/webhooks/{id}",
                "PUT /api/v1/webhooks/{id}",
                "DELETE /api/v1/webhooks/{id}",
                "GET /api/v1/webhooks/{id}/deliveries")) {
            out.put(key, "WebhookDeliveryTest");
        }
        for (String key : List.of(
                "GET /api/v1/namespaces/{namespace}/policies/{name}/evidence",
                "GET /api/v1/global-policies/{name}/evidence",
                "GET /api/v1/namespaces/{namespace}/policies/{name}/promotion-checks",
                "GET /api/v1/global-policies/{name}/promotion-checks")) {
            out.put(key, "EvidenceGateTest");
        }
        return out;
    }

    static List<Route> all() {
        Table t = new Table();
        // public
        t.add(HttpMethod.GET, "/login", Caller.PUBLIC, NONE, everyone(), s -> "/login");
        t.add(HttpMethod.GET, "/error", Caller.PUBLIC, NONE, everyone(), s -> "/error");
        // the API's description, for signed-in users
        t.page(HttpMethod.GET, "/v3/api-docs", NONE, everyone(), s -> "/v3/api-docs");
        t.page(HttpMethod.GET, "/v3/api-docs.yaml", NONE, everyone(), s -> "/v3/api-docs.yaml");
        // signed in, any role
        t.page(HttpMethod.GET, "/", NONE, everyone(), s -> "/");
        t.page(HttpMethod.GET, "/namespaces", NONE, everyone(), s -> "/namespaces");
        t.page(HttpMethod.GET, "/flows", NONE, everyone(), s -> "/flows");
        t.page(HttpMethod.GET, "/explain", NONE, everyone(), s -> "/explain");
        t.page(HttpMethod.GET, "/admin/approvals", NONE, approvers(), s -> "/admin/approvals");
        t.api(HttpMethod.GET, "/api/v1/me", NONE, everyone(), s -> "/api/v1/me");
        t.api(HttpMethod.GET, "/api/v1/flows", NONE, everyone(), s -> "/api/v1/flows");
        t.api(HttpMethod.GET, "/api/v1/namespaces", NONE, everyone(), s -> "/api/v1/namespaces");
        t.api(HttpMethod.GET, "/api/v1/global-policies", NONE, everyone(), s -> "/api/v1/global-policies");
        t.api(HttpMethod.GET, "/api/v1/approvals", NONE, approvers(), s -> "/api/v1/approvals");
        t.api(HttpMethod.GET, "/api/v1/cluster", NONE, everyone(), s -> "/api/v1/cluster");
        t.route(
                HttpMethod.POST,
                "/api/v1/explain",
                Caller.API,
                List.of(Scope.TEAM_NAMESPACE),
                may(Action.EXPLAIN),
                (s, f) -> request(HttpMethod.POST, "/api/v1/explain")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"t\",\"source\":{\"pod\":\"payments/payments-api-7d9f8c6b5-x2k9q\"},"
                                + "\"destination\":{\"pod\":\"payments/fraud-check-66b4c9d8f-x2k9q\"},"
                                + "\"port\":50051,\"protocol\":\"TCP\"}"),
                false);

        // namespaces
        t.page(HttpMethod.GET, "/namespaces/{namespace}", NAMESPACES, may(Action.READ), s -> "/namespaces/" + ns(s));
        t.page(
                HttpMethod.GET,
                "/namespaces/{namespace}/recommendation",
                NAMESPACES,
                may(Action.READ),
                s -> "/namespaces/" + ns(s) + "/recommendation");
        t.page(
                HttpMethod.POST,
                "/namespaces/{namespace}/recommendation/drafts",
                NAMESPACES,
                may(Action.EDIT),
                s -> "/namespaces/" + ns(s) + "/recommendation/drafts");
        t.page(
                HttpMethod.GET,
                "/namespaces/{namespace}/policies/new",
                NAMESPACES,
                may(Action.EDIT),
                s -> "/namespaces/" + ns(s) + "/policies/new");
        t.page(
                HttpMethod.POST,
                "/namespaces/{namespace}/policies/new",
                NAMESPACES,
                may(Action.EDIT),
                s -> "/namespaces/" + ns(s) + "/policies/new");
        t.api(
                HttpMethod.GET,
                "/api/v1/namespaces/{namespace}/policies",
                NAMESPACES,
                may(Action.READ),
                s -> "/api/v1/namespaces/" + ns(s) + "/policies");
        t.api(
                HttpMethod.GET,
                "/api/v1/namespaces/{namespace}/coverage",
                NAMESPACES,
                may(Action.READ),
                s -> "/api/v1/namespaces/" + ns(s) + "/coverage");
        t.api(
                HttpMethod.POST,
                "/api/v1/namespaces/{namespace}/recommendation",
                NAMESPACES,
                may(Action.READ),
                s -> "/api/v1/namespaces/" + ns(s) + "/recommendation");
        t.api(HttpMethod.GET, "/api/v1/access/{namespace}", NAMESPACES, admins(), s -> "/api/v1/access/" + ns(s));

        // policies, namespaced and global, page and API
        policyRoutes(t);

        // approvals
        for (String decision : List.of("approve", "reject")) {
            t.route(
                    HttpMethod.POST,
                    "/admin/approvals/{id}/" + decision,
                    Caller.PAGE,
                    List.of(Scope.TEAM_NAMESPACE),
                    may(Action.APPROVE),
                    (s, f) -> request(HttpMethod.POST, "/admin/approvals/" + f.approval(s) + "/" + decision)
                            .param("comment", "checked by the route matrix"),
                    false);
            t.route(
                    HttpMethod.POST,
                    "/api/v1/approvals/{id}/" + decision,
                    Caller.API,
                    List.of(Scope.TEAM_NAMESPACE),
                    may(Action.APPROVE),
                    (s, f) -> request(HttpMethod.POST, "/api/v1/approvals/" + f.approval(s) + "/" + decision)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"comment\":\"checked by the route matrix\"}"),
                    false);
        }

        // the admin console
        t.page(HttpMethod.GET, "/admin/audit", NONE, admins(), s -> "/admin/audit");
        t.page(HttpMethod.GET, "/admin/audit/verify", NONE, admins(), s -> "/admin/audit/verify");
        t.page(HttpMethod.GET, "/admin/drift", NONE, admins(), s -> "/admin/drift");
        t.page(HttpMethod.POST, "/admin/drift/{id}/restore", NONE, admins(), s -> "/admin/drift/none/restore");
        t.page(HttpMethod.GET, "/admin/stack", NONE, admins(), s -> "/admin/stack");
        t.page(HttpMethod.GET, "/admin/teams/access", NONE, admins(), s -> "/admin/teams/access");
        t.page(HttpMethod.GET, "/admin/guardrails", NONE, admins(), s -> "/admin/guardrails");
        t.page(HttpMethod.POST, "/admin/guardrails", NONE, admins(), s -> "/admin/guardrails");
        t.page(HttpMethod.GET, "/admin/flow-source", NONE, admins(), s -> "/admin/flow-source");
        t.route(
                HttpMethod.POST,
                "/admin/flow-source/import",
                Caller.PAGE,
                NONE,
                admins(),
                (s, f) -> request(HttpMethod.POST, "/admin/flow-source/import")
                        .contentType("multipart/form-data; boundary=b")
                        .content("--b--\r\n"),
                false);
        t.page(HttpMethod.GET, "/admin/teams", NONE, admins(), s -> "/admin/teams");
        t.page(HttpMethod.GET, "/admin/teams/new", NONE, admins(), s -> "/admin/teams/new");
        t.page(HttpMethod.GET, "/admin/teams/preview", NONE, admins(), s -> "/admin/teams/preview");
        t.page(HttpMethod.POST, "/admin/teams", NONE, admins(), s -> "/admin/teams");
        t.page(HttpMethod.GET, "/admin/teams/{name}/edit", TEAMS, admins(), s -> "/admin/teams/" + team(s) + "/edit");
        t.page(HttpMethod.POST, "/admin/teams/{name}", TEAMS, admins(), s -> "/admin/teams/" + team(s));
        t.destructive(
                Caller.PAGE,
                HttpMethod.POST,
                "/admin/teams/{name}/delete",
                TEAMS,
                admins(),
                s -> "/admin/teams/" + team(s) + "/delete");
        t.page(HttpMethod.GET, "/admin/tiers", NONE, admins(), s -> "/admin/tiers");
        t.page(HttpMethod.GET, "/admin/tiers/new", NONE, admins(), s -> "/admin/tiers/new");
        t.page(HttpMethod.POST, "/admin/tiers", NONE, admins(), s -> "/admin/tiers");
        t.page(
                HttpMethod.GET,
                "/admin/tiers/{name}/edit",
                TIERS,
                administers(),
                s -> "/admin/tiers/" + tier(s) + "/edit");
        t.page(HttpMethod.POST, "/admin/tiers/{name}", TIERS, administers(), s -> "/admin/tiers/" + tier(s));
        t.destructive(
                Caller.PAGE,
                HttpMethod.POST,
                "/admin/tiers/{name}/delete",
                TIERS,
                administers(),
                s -> "/admin/tiers/" + tier(s) + "/delete");

        t.api(HttpMethod.GET, "/api/v1/audit", NONE, admins(), s -> "/api/v1/audit");
        t.api(HttpMethod.GET, "/api/v1/audit/verify", NONE, admins(), s -> "/api/v1/audit/verify");
        t.api(HttpMethod.GET, "/api/v1/audit/export", NONE, admins(), s -> "/api/v1/audit/export");
        t.api(HttpMethod.GET, "/api/v1/drift", NONE, admins(), s -> "/api/v1/drift");
        t.api(HttpMethod.POST, "/api/v1/drift/{id}/restore", NONE, admins(), s -> "/api/v1/drift/none/restore");
        t.api(HttpMethod.GET, "/api/v1/flows/source", NONE, admins(), s -> "/api/v1/flows/source");
        t.route(
                HttpMethod.POST,
                "/api/v1/flows/import",
                Caller.API,
                NONE,
                admins(),
                (s, f) -> request(HttpMethod.POST, "/api/v1/flows/import")
                        .contentType("application/x-ndjson")
                        .content(""),
                false);
        t.api(HttpMethod.GET, "/api/v1/guardrails", NONE, admins(), s -> "/api/v1/guardrails");
        t.api(HttpMethod.GET, "/api/v1/guardrails/versions", NONE, admins(), s -> "/api/v1/guardrails/versions");
        t.json(HttpMethod.PUT, "/api/v1/guardrails", NONE, admins(), s -> "/api/v1/guardrails", "{\"comment\":\"x\"}");
        t.api(HttpMethod.GET, "/api/v1/teams", NONE, admins(), s -> "/api/v1/teams");
        t.api(HttpMethod.GET, "/api/v1/teams/{name}", TEAMS, admins(), s -> "/api/v1/teams/" + team(s));
        t.json(HttpMethod.POST, "/api/v1/teams", NONE, admins(), s -> "/api/v1/teams", "{\"name\":\"intruders\"}");
        t.json(
                HttpMethod.PUT,
                "/api/v1/teams/{name}",
                TEAMS,
                admins(),
                s -> "/api/v1/teams/" + team(s),
                "{\"description\":\"changed by the route matrix\"}");
        t.destructive(
                Caller.API,
                HttpMethod.DELETE,
                "/api/v1/teams/{name}",
                TEAMS,
                admins(),
                s -> "/api/v1/teams/" + team(s));
        t.api(HttpMethod.GET, "/api/v1/tiers", NONE, admins(), s -> "/api/v1/tiers");
        t.api(HttpMethod.GET, "/api/v1/tiers/{name}", TIERS, admins(), s -> "/api/v1/tiers/" + tier(s));
        t.json(
                HttpMethod.POST,
                "/api/v1/tiers",
                NONE,
                admins(),
                s -> "/api/v1/tiers",
                "{\"name\":\"intruder\",\"order\":1,\"defaultAction\":\"Pass\"}");
        t.json(
                HttpMethod.PUT,
                "/api/v1/tiers/{name}",
                TIERS,
                administers(),
                s -> "/api/v1/tiers/" + tier(s),
                "{\"purpose\":\"Changed by the route matrix.\"}");
        t.destructive(
                Caller.API,
                HttpMethod.DELETE,
                "/api/v1/tiers/{name}",
                TIERS,
                administers(),
                s -> "/api/v1/tiers/" + tier(s));
        return List.copyOf(t.routes.values());
    }

    private static void policyRoutes(Table t) {
        for (boolean global : List.of(false, true)) {
            String page = global ? "/global-policies/{name}" : "/namespaces/{namespace}/policies/{name}";
            String api = "/api/v1" + page;
            List<@Nullable Scope> scopes = global ? GLOBAL_POLICY : NAMESPACED_POLICY;
            Function<@Nullable Scope, String> pagePath = s -> policyPath(s);
            Function<@Nullable Scope, String> apiPath = s -> "/api/v1" + policyPath(s);
            if (global) {
                t.page(HttpMethod.GET, "/global-policies/new", scopes, may(Action.EDIT), s -> "/global-policies/new");
                t.page(HttpMethod.POST, "/global-policies/new", scopes, may(Action.EDIT), s -> "/global-policies/new");
            }
            t.page(HttpMethod.GET, page, scopes, may(Action.READ), pagePath);
            t.page(
                    HttpMethod.GET,
                    page + "/versions/diff",
                    scopes,
                    may(Action.READ),
                    s -> pagePath.apply(s) + "/versions/diff?from=1");
            t.page(HttpMethod.GET, page + "/edit", scopes, may(Action.EDIT), s -> pagePath.apply(s) + "/edit");
            t.page(HttpMethod.POST, page + "/edit", scopes, may(Action.EDIT), s -> pagePath.apply(s) + "/edit");
            t.page(HttpMethod.GET, page + "/preview", scopes, may(Action.PREVIEW), s -> pagePath.apply(s) + "/preview");
            t.page(HttpMethod.POST, page + "/stage", scopes, may(Action.STAGE), s -> pagePath.apply(s) + "/stage");
            t.page(HttpMethod.GET, page + "/promote", scopes, may(Action.PROMOTE), s -> pagePath.apply(s) + "/promote");
            t.page(
                    HttpMethod.POST,
                    page + "/promote",
                    scopes,
                    may(Action.PROMOTE),
                    s -> pagePath.apply(s) + "/promote");
            t.page(
                    HttpMethod.POST,
                    page + "/rollback",
                    scopes,
                    may(Action.WITHDRAW),
                    s -> pagePath.apply(s) + "/rollback?version=1&reason=route+matrix");
            t.page(HttpMethod.GET, page + "/delete", scopes, may(Action.WITHDRAW), s -> pagePath.apply(s) + "/delete");
            t.destructive(
                    Caller.PAGE,
                    HttpMethod.POST,
                    page + "/delete",
                    scopes,
                    may(Action.WITHDRAW),
                    s -> pagePath.apply(s) + "/delete");

            t.api(HttpMethod.GET, api, scopes, may(Action.READ), apiPath);
            t.api(HttpMethod.GET, api + "/versions", scopes, may(Action.READ), s -> apiPath.apply(s) + "/versions");
            t.route(
                    HttpMethod.PUT,
                    api,
                    Caller.API,
                    scopes,
                    may(Action.EDIT),
                    (s, f) -> request(HttpMethod.PUT, apiPath.apply(s))
                            .contentType("application/yaml")
                            .content(policyYaml(s)),
                    false);
            t.api(HttpMethod.POST, api + "/preview", scopes, may(Action.PREVIEW), s -> apiPath.apply(s) + "/preview");
            t.api(HttpMethod.POST, api + "/stage", scopes, may(Action.STAGE), s -> apiPath.apply(s) + "/stage");
            t.route(
                    HttpMethod.POST,
                    api + "/promote",
                    Caller.API,
                    scopes,
                    may(Action.PROMOTE),
                    (s, f) -> request(HttpMethod.POST, apiPath.apply(s) + "/promote")
                            .header(
                                    "Idempotency-Key",
                                    java.util.UUID.randomUUID().toString()),
                    false);
            t.route(
                    HttpMethod.POST,
                    api + "/rollback",
                    Caller.API,
                    scopes,
                    may(Action.WITHDRAW),
                    (s, f) -> request(HttpMethod.POST, apiPath.apply(s) + "/rollback")
                            .param("version", "1")
                            .param("reason", "route matrix"),
                    false);
            t.destructive(
                    Caller.API,
                    HttpMethod.DELETE,
                    api,
                    scopes,
                    may(Action.WITHDRAW),
                    s -> apiPath.apply(s) + "?reason=route+matrix");
        }
    }

    static String policyPath(@Nullable Scope scope) {
        Scope s = scope == null ? Scope.TEAM_NAMESPACE : scope;
        return s.namespace == null
                ? "/global-policies/" + policyName(s)
                : "/namespaces/" + s.namespace + "/policies/" + policyName(s);
    }

    /** The fixture policy of a scope, as YAML, with the port given. */
    static String policyYaml(@Nullable Scope scope, int port) {
        Scope s = scope == null ? Scope.TEAM_NAMESPACE : scope;
        String metadata = s.namespace == null
                ? "kind: GlobalNetworkPolicy\nmetadata: {name: " + policyName(s) + "}"
                : "kind: NetworkPolicy\nmetadata: {name: " + policyName(s) + ", namespace: " + s.namespace + "}";
        return "apiVersion: projectcalico.org/v3\n" + metadata + "\nspec:\n  tier: " + s.tier
                + "\n  order: 100\n  selector: app == 'api'\n  ingress: [{action: Allow, protocol: TCP, source:"
                + " {selector: app == 'web'}, destination: {ports: [" + port + "]}}]\n";
    }

    private static String policyYaml(@Nullable Scope scope) {
        return policyYaml(scope, 9191);
    }

    private static String ns(@Nullable Scope scope) {
        return scope == Scope.OTHER_TEAMS_NAMESPACE ? "catalog" : "payments";
    }

    /**
     * The tier of a tier scope; the team's namespace stands for an unlocked tier of the matrix's own, so that changing
     * it leaves the developer tier the policy routes need alone.
     */
    private static String tier(@Nullable Scope scope) {
        return scope == null || scope == Scope.TEAM_NAMESPACE ? OPEN_TIER : scope.tier;
    }

    static final String OPEN_TIER = "sec-open";

    /** The routes by key, in the order written; a key written twice is a mistake in the table. */
    private static final class Table {

        final Map<String, Route> routes = new LinkedHashMap<>();

        void route(
                HttpMethod method,
                String pattern,
                Caller caller,
                List<@Nullable Scope> scopes,
                Expectation allowed,
                BiFunction<@Nullable Scope, Fixtures, MockHttpServletRequestBuilder> request,
                boolean destructive) {
            Route route = new Route(method, pattern, caller, scopes, allowed, request, destructive);
            if (routes.put(route.key(), route) != null) {
                throw new IllegalStateException("two expectations for " + route.key());
            }
        }

        void add(
                HttpMethod method,
                String pattern,
                Caller caller,
                List<@Nullable Scope> scopes,
                Expectation allowed,
                Function<@Nullable Scope, String> path) {
            route(method, pattern, caller, scopes, allowed, (s, f) -> request(method, path.apply(s)), false);
        }

        void page(
                HttpMethod method,
                String pattern,
                List<@Nullable Scope> scopes,
                Expectation allowed,
                Function<@Nullable Scope, String> path) {
            add(method, pattern, Caller.PAGE, scopes, allowed, path);
        }

        void api(
                HttpMethod method,
                String pattern,
                List<@Nullable Scope> scopes,
                Expectation allowed,
                Function<@Nullable Scope, String> path) {
            add(method, pattern, Caller.API, scopes, allowed, path);
        }

        void json(
                HttpMethod method,
                String pattern,
                List<@Nullable Scope> scopes,
                Expectation allowed,
                Function<@Nullable Scope, String> path,
                String body) {
            route(
                    method,
                    pattern,
                    Caller.API,
                    scopes,
                    allowed,
                    (s, f) -> request(method, path.apply(s))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body),
                    false);
        }

        void destructive(
                Caller caller,
                HttpMethod method,
                String pattern,
                List<@Nullable Scope> scopes,
                Expectation allowed,
                Function<@Nullable Scope, String> path) {
            route(method, pattern, caller, scopes, allowed, (s, f) -> request(method, path.apply(s)), true);
        }
    }

    /** Every cell of the matrix: route, scope, user (null: not signed in). */
    record Cell(
            Route route, @Nullable Scope scope, @Nullable Who who, boolean allowed) {

        @Override
        public String toString() {
            return (who == null ? "anonymous" : who.username) + " " + route.key()
                    + (scope == null
                            ? ""
                            : " on " + scope.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    + (allowed ? ": allowed" : ": refused");
        }
    }

    static List<Cell> cells(List<Route> routes) {
        List<Cell> cells = new ArrayList<>();
        for (Route route : routes) {
            for (Scope scope : route.scopes()) {
                Set<Who> allowed = route.allowed().apply(scope);
                // a deletion is carried out once, by the least privileged of those allowed: after it, the others
                // would find nothing left to delete
                Who deleter = allowed.stream()
                        .filter(w -> w.ordinal() <= Who.OTHER_DEVELOPER.ordinal())
                        .reduce((a, b) -> b)
                        .orElse(null);
                for (Who who : Who.values()) {
                    boolean allows = allowed.contains(who);
                    if (allows && route.destructive() && who != deleter) {
                        continue;
                    }
                    cells.add(new Cell(route, scope, who, allows));
                }
                cells.add(new Cell(route, scope, null, route.caller() == Caller.PUBLIC));
            }
        }
        return cells;
    }
}
