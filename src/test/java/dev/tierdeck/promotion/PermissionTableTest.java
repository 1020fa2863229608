package dev.tierdeck.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import dev.tierdeck.cluster.DemoClusters;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import dev.tierdeck.policy.ChangeKind;
import dev.tierdeck.policy.Policies;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.preview.ImpactPreview;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Team;
import dev.tierdeck.tenancy.Teams;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may do what, over HTTP with the portal's real security, the embedded PostgreSQL and the demo cluster: every role
 * (platform admin, security admin, a developer of the team that owns the namespace payments, a developer of another
 * team, a viewer, and a team approver who is in no team) times every action, on a policy of the team's namespace, of
 * another team's namespace, of a locked tier, of a confidential tier, and on a global policy. Each cell gets a fresh
 * policy in the state its action needs; a refused request must answer 403 and leave the drafts, versions, approval
 * requests, promotion keys, teams, tiers, guardrails, the audit trail and the cluster's policies and tiers as they
 * were.
 */
@SpringBootTest(
        properties = {
            "tierdeck.cluster.source=demo",
            "tierdeck.identity.demo.port=0",
            "tierdeck.database.embedded.database=permission_table",
            "tierdeck.flow.demo-feed.enabled=false"
        })
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class PermissionTableTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger CELLS = new AtomicInteger();

    /** Exceptions with an expiry have their own table, over their own routes ({@code ExceptionPermissionTest}). */
    static final Set<Action> EXCEPTION_ACTIONS = EnumSet.of(Action.REQUEST_EXCEPTION, Action.GRANT_EXCEPTION);

    /**
     * The table's roles; the team approver holds the developer role but belongs to no team. The security suite's
     * route matrix ({@code dev.tierdeck.security}) signs in as the same users.
     */
    public enum Who {
        PLATFORM_ADMIN("admin", Role.PLATFORM_ADMIN, "tierdeck-platform-admins"),
        SECURITY_ADMIN("security", Role.SECURITY_ADMIN, "tierdeck-security-admins"),
        TEAM_DEVELOPER("alice", Role.DEVELOPER, "tierdeck-developers", "team-payments"),
        OTHER_DEVELOPER("bob", Role.DEVELOPER, "tierdeck-developers", "team-catalog"),
        VIEWER("viewer", Role.VIEWER, "tierdeck-viewers"),
        TEAM_APPROVER("tess", Role.DEVELOPER, "tierdeck-developers", "payments-approvers");

        public final String username;
        final Role role;
        final List<String> groups;

        Who(String username, Role role, String... groups) {
            this.username = username;
            this.role = role;
            this.groups = List.of(groups);
        }

        /** A bearer access token, as the API's clients send. */
        public RequestPostProcessor token() {
            return PermissionTableTest.token(username, role, groups);
        }

        /** A signed-in browser session, as the pages see. */
        public RequestPostProcessor session() {
            return oidcLogin()
                    .idToken(token -> token.subject(username)
                            .claim("preferred_username", username)
                            .claim("name", username)
                            .claim("groups", groups))
                    .authorities(new SimpleGrantedAuthority("OIDC_USER"), new SimpleGrantedAuthority(role.authority()));
        }
    }

    /**
     * Where the action happens, with who sets the policy up (nobody of the table, so no cell is about one's own
     * change) and the flow an explanation is asked for, decided by a policy of the scope named {@code decidedBy}.
     */
    public enum Scope {
        TEAM_NAMESPACE("payments", "default", "carol", Role.DEVELOPER, "tierdeck-developers", "team-payments"),
        OTHER_TEAMS_NAMESPACE("catalog", "default", "dave", Role.DEVELOPER, "tierdeck-developers", "team-catalog"),
        LOCKED_TIER("payments", "security", "sue", Role.SECURITY_ADMIN, "tierdeck-security-admins"),
        CONFIDENTIAL_TIER("payments", "vault", "andy", Role.PLATFORM_ADMIN, "tierdeck-platform-admins"),
        GLOBAL_POLICY(null, "shared", "andy", Role.PLATFORM_ADMIN, "tierdeck-platform-admins");

        public final @Nullable String namespace;
        public final String tier;
        public final CurrentUser author;

        Scope(@Nullable String namespace, String tier, String author, Role role, String... groups) {
            this.namespace = namespace;
            this.tier = tier;
            this.author = new CurrentUser(
                    "http://localhost:9000", author, author, author, Set.of(role), Set.copyOf(List.of(groups)));
        }

        public RequestPostProcessor authorToken() {
            return token(author.username(), author.roles().iterator().next(), List.copyOf(author.groups()));
        }

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /** The expected outcome of every cell: the roles allowed, per scope and action. */
    public static Set<Who> allowed(Scope scope, Action action) {
        Set<Who> admins = EnumSet.of(Who.PLATFORM_ADMIN, Who.SECURITY_ADMIN);
        // the team approver reads what they are asked to approve
        Set<Who> readers =
                EnumSet.of(Who.PLATFORM_ADMIN, Who.SECURITY_ADMIN, Who.TEAM_DEVELOPER, Who.VIEWER, Who.TEAM_APPROVER);
        Set<Who> writers = EnumSet.of(Who.PLATFORM_ADMIN, Who.SECURITY_ADMIN, Who.TEAM_DEVELOPER);
        return switch (scope) {
            case TEAM_NAMESPACE ->
                switch (action) {
                    case READ, PREVIEW, EXPLAIN -> readers;
                    case EDIT, STAGE, PROMOTE, WITHDRAW -> writers;
                    case APPROVE -> EnumSet.of(Who.PLATFORM_ADMIN, Who.SECURITY_ADMIN, Who.TEAM_APPROVER);
                    case EXPORT, ADMINISTER -> admins;
                    case REQUEST_EXCEPTION, GRANT_EXCEPTION -> throw notInThisTable(action);
                };
            // the other team's namespace is catalog, which the other developer's team owns
            case OTHER_TEAMS_NAMESPACE ->
                switch (action) {
                    case READ, PREVIEW, EXPLAIN ->
                        EnumSet.of(Who.PLATFORM_ADMIN, Who.SECURITY_ADMIN, Who.OTHER_DEVELOPER, Who.VIEWER);
                    case EDIT, STAGE, PROMOTE, WITHDRAW ->
                        EnumSet.of(Who.PLATFORM_ADMIN, Who.SECURITY_ADMIN, Who.OTHER_DEVELOPER);
                    case APPROVE, EXPORT, ADMINISTER -> admins;
                    case REQUEST_EXCEPTION, GRANT_EXCEPTION -> throw notInThisTable(action);
                };
            // locked to the security admins; readable (it is not confidential)
            case LOCKED_TIER ->
                switch (action) {
                    case READ, PREVIEW, EXPLAIN -> readers;
                    case EDIT, STAGE, PROMOTE, WITHDRAW, APPROVE, ADMINISTER -> EnumSet.of(Who.SECURITY_ADMIN);
                    case EXPORT -> admins;
                    case REQUEST_EXCEPTION, GRANT_EXCEPTION -> throw notInThisTable(action);
                };
            // only admins read it; flows through it are explained to the team and viewers with the step withheld
            case CONFIDENTIAL_TIER -> action == Action.EXPLAIN ? readers : admins;
            case GLOBAL_POLICY ->
                switch (action) {
                    case READ -> EnumSet.allOf(Who.class);
                    case PREVIEW -> EnumSet.of(Who.PLATFORM_ADMIN, Who.SECURITY_ADMIN, Who.VIEWER);
                    // the flow's end in payments makes it the team's, and so its approver's
                    case EXPLAIN -> readers;
                    case EDIT, STAGE, PROMOTE, WITHDRAW, APPROVE, EXPORT, ADMINISTER -> admins;
                    case REQUEST_EXCEPTION, GRANT_EXCEPTION -> throw notInThisTable(action);
                };
        };
    }

    private static IllegalArgumentException notInThisTable(Action action) {
        return new IllegalArgumentException(action + " is checked by the exceptions' own permission table");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    ApprovalStore approvals;

    @Autowired
    Teams teams;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    ApplicationContext context;

    private KubernetesClient cluster;

    @BeforeAll
    void teamsTiersAndThePoliciesThatDecideTheExplainedFlows() throws Exception {
        cluster = DemoClusters.of(context).adminClient();
        Team payments = teams.find("payments").orElseThrow();
        teams.update(
                new Team(
                        payments.name(),
                        payments.description(),
                        payments.groups(),
                        payments.namespacePatterns(),
                        List.of("tierdeck-security-admins", "payments-approvers")),
                "test");
        tier("{\"name\":\"vault\",\"order\":150,\"defaultAction\":\"Pass\",\"confidential\":true,\"comment\":\"t\"}");
        tier("{\"name\":\"shared\",\"order\":250,\"defaultAction\":\"Pass\",\"comment\":\"t\"}");
        enforce(Scope.LOCKED_TIER, "locked-decides", """
                selector: app == 'payments-api'
                  types: [Egress]
                  egress: [{action: Deny, destination: {nets: [192.0.2.10/32]}}]""");
        enforce(Scope.CONFIDENTIAL_TIER, "vault-decides", """
                selector: app == 'payments-api'
                  types: [Ingress]
                  ingress: [{action: Deny, source: {namespaceSelector: kubernetes.io/metadata.name == 'sandbox'}}]""");
        enforce(Scope.GLOBAL_POLICY, "shared-decides", """
                selector: all()
                  types: [Egress]
                  egress: [{action: Deny, destination: {nets: [198.51.100.7/32]}}]""");
    }

    @AfterAll
    void closeTheClient() {
        cluster.close();
    }

    @TestFactory
    Stream<DynamicTest> everyRoleTimesEveryActionTimesEveryScope() {
        List<DynamicTest> cells = new ArrayList<>();
        for (Scope scope : Scope.values()) {
            for (Action action : Action.values()) {
                if (EXCEPTION_ACTIONS.contains(action)) {
                    continue;
                }
                Set<Who> allowed = allowed(scope, action);
                for (Who who : Who.values()) {
                    boolean allow = allowed.contains(who);
                    String name = who.username + " " + action.name().toLowerCase(java.util.Locale.ROOT) + " on "
                            + scope.label() + ": " + (allow ? "allowed" : "refused");
                    cells.add(DynamicTest.dynamicTest(name, () -> cell(scope, action, who, allow)));
                }
            }
        }
        return cells.stream();
    }

    private void cell(Scope scope, Action action, Who who, boolean allow) throws Exception {
        Fixture fixture = fixture(scope, action);
        String before = fingerprint();
        MvcResult result =
                mvc.perform(request(scope, action, fixture).with(who.token())).andReturn();
        int status = result.getResponse().getStatus();
        String body = result.getResponse().getContentAsString();
        if (!allow) {
            assertThat(status).as(body).isEqualTo(403);
            assertThat(fingerprint()).as("nothing changed after the refusal").isEqualTo(before);
            return;
        }
        assertThat(status).as(body).isBetween(200, 299);
        if (action == Action.EXPLAIN) {
            boolean named = who == Who.PLATFORM_ADMIN || who == Who.SECURITY_ADMIN || scope != Scope.CONFIDENTIAL_TIER;
            String decidedBy = decidedBy(scope);
            if (named) {
                assertThat(body).contains("\"name\":\"" + decidedBy + "\"");
            } else {
                assertThat(body).doesNotContain(decidedBy).contains("\"withheld\":true", "\"tier\":\"vault\"");
            }
        }
    }

    /** A policy of the scope in the state the action needs; none for the actions that need none. */
    private record Fixture(
            @Nullable PolicyRef ref,
            long revision,
            @Nullable Long approval) {}

    private Fixture fixture(Scope scope, Action action) throws Exception {
        if (action == Action.EXPLAIN || action == Action.EXPORT || action == Action.ADMINISTER) {
            return new Fixture(null, 0, null);
        }
        String name = "perm-" + CELLS.incrementAndGet();
        PolicyRef ref = new PolicyRef(scope.namespace, name);
        drafts.save(scope.author, policy(scope, name, 8080), null);
        if (action == Action.PROMOTE || action == Action.WITHDRAW || action == Action.APPROVE) {
            perform(post(api(ref) + "/stage").with(scope.authorToken()));
        }
        if (action == Action.WITHDRAW) {
            perform(post(api(ref) + "/promote")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .with(scope.authorToken()));
        }
        Long approval = null;
        if (action == Action.APPROVE) {
            approval = transaction.execute(status -> {
                PolicyDraft staged = drafts.find(ref).orElseThrow();
                PolicyDraft waiting = drafts.markAwaitingApproval(scope.author, ref, staged.revision());
                Instant now = Instant.now();
                return approvals
                        .open(
                                ref,
                                scope.tier,
                                waiting.revision(),
                                scope.author.username(),
                                scope.author.displayName(),
                                now,
                                null,
                                PolicyManifests.yaml(waiting.policy()),
                                new ImpactPreview(now.minusSeconds(3600), now, 0, 0, 0, 0, List.of(), true),
                                List.of(new Approval.Reason("spec", "asked for by the permission table", null)),
                                ChangeKind.EDIT,
                                null)
                        .id();
            });
        }
        return new Fixture(ref, drafts.find(ref).orElseThrow().revision(), approval);
    }

    private MockHttpServletRequestBuilder request(Scope scope, Action action, Fixture f) throws Exception {
        PolicyRef ref = f.ref();
        return switch (action) {
            case READ -> get(api(ref));
            case EDIT ->
                put(api(ref))
                        .header("If-Match", "\"" + f.revision() + "\"")
                        .contentType("application/yaml")
                        .content(yaml(scope, ref.name(), 9090));
            case PREVIEW -> post(api(ref) + "/preview");
            case STAGE -> post(api(ref) + "/stage");
            case PROMOTE ->
                post(api(ref) + "/promote")
                        .header("Idempotency-Key", UUID.randomUUID().toString());
            case APPROVE ->
                post("/api/v1/approvals/" + f.approval() + "/approve")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"comment\":\"fine\"}");
            case WITHDRAW -> delete(api(ref)).param("reason", "permission table");
            case EXPLAIN ->
                post("/api/v1/explain").contentType(MediaType.APPLICATION_JSON).content(explainedFlow(scope));
            case EXPORT ->
                switch (scope) {
                    case TEAM_NAMESPACE, OTHER_TEAMS_NAMESPACE ->
                        get("/api/v1/audit/export").param("namespace", scope.namespace);
                    case LOCKED_TIER, CONFIDENTIAL_TIER ->
                        get("/api/v1/audit/export").param("tier", scope.tier);
                    case GLOBAL_POLICY -> get("/api/v1/audit/export");
                };
            case REQUEST_EXCEPTION, GRANT_EXCEPTION -> throw notInThisTable(action);
            case ADMINISTER ->
                switch (scope) {
                    case TEAM_NAMESPACE, OTHER_TEAMS_NAMESPACE ->
                        put("/api/v1/teams/" + scope.namespace)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"description\":\"checked by the permission table\",\"comment\":\"t\"}");
                    case LOCKED_TIER, CONFIDENTIAL_TIER ->
                        put("/api/v1/tiers/" + scope.tier)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"purpose\":\"Checked by the permission table.\",\"comment\":\"t\"}");
                    case GLOBAL_POLICY ->
                        put("/api/v1/guardrails")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"comment\":\"unchanged\",\"rules\":" + currentGuardrails() + "}");
                };
        };
    }

    /** A flow whose verdict the scope's own policy decides; the other developer's team owns neither end of most. */
    private static String explainedFlow(Scope scope) {
        String flow = switch (scope) {
            case TEAM_NAMESPACE ->
                "\"source\":{\"pod\":\"payments/payments-api-7d9f8c6b5-x2k9q\"},"
                        + "\"destination\":{\"pod\":\"payments/fraud-check-66b4c9d8f-x2k9q\"},\"port\":50051";
            case OTHER_TEAMS_NAMESPACE ->
                "\"source\":{\"pod\":\"catalog/catalog-api-7b6c9d8f5-x2k9q\"},"
                        + "\"destination\":{\"pod\":\"catalog/search-84f6d7c9b-x2k9q\"},\"port\":8080";
            case LOCKED_TIER ->
                "\"source\":{\"pod\":\"payments/payments-api-7d9f8c6b5-x2k9q\"},"
                        + "\"destination\":{\"ip\":\"192.0.2.10\"},\"port\":80";
            case CONFIDENTIAL_TIER ->
                "\"source\":{\"pod\":\"sandbox/debug-shell\"},"
                        + "\"destination\":{\"pod\":\"payments/payments-api-7d9f8c6b5-x2k9q\"},\"port\":8080";
            case GLOBAL_POLICY ->
                "\"source\":{\"pod\":\"payments/payments-api-7d9f8c6b5-x2k9q\"},"
                        + "\"destination\":{\"ip\":\"198.51.100.7\"},\"port\":443";
        };
        return "{\"id\":\"t\"," + flow + ",\"protocol\":\"TCP\"}";
    }

    private static String decidedBy(Scope scope) {
        return switch (scope) {
            case TEAM_NAMESPACE -> "payments-api";
            case OTHER_TEAMS_NAMESPACE -> "search-from-catalog-api";
            case LOCKED_TIER -> "locked-decides";
            case CONFIDENTIAL_TIER -> "vault-decides";
            case GLOBAL_POLICY -> "shared-decides";
        };
    }

    /**
     * What a refusal must leave alone: the rows of every table the portal's changes write (the audit trail by its
     * length: it only grows), and every policy and tier in the cluster with its resourceVersion.
     */
    private String fingerprint() {
        StringBuilder out = new StringBuilder();
        for (String table : List.of(
                "policy_draft",
                "policy_version",
                "approval_request",
                "promotion_key",
                "team",
                "tier_governance",
                "guardrail_version")) {
            out.append(table)
                    .append('=')
                    .append(jdbc.sql("select coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from " + table
                                    + " t")
                            .query(String.class)
                            .single())
                    .append('\n');
        }
        out.append("audit=")
                .append(jdbc.sql("select count(*) from audit_record")
                        .query(Long.class)
                        .single())
                .append('\n');
        for (String kind : List.of(
                "Tier", "NetworkPolicy", "StagedNetworkPolicy", "GlobalNetworkPolicy", "StagedGlobalNetworkPolicy")) {
            List<GenericKubernetesResource> items = cluster.genericKubernetesResources("projectcalico.org/v3", kind)
                    .inAnyNamespace()
                    .list()
                    .getItems();
            items.stream()
                    .map(r -> kind + " " + r.getMetadata().getNamespace() + "/"
                            + r.getMetadata().getName() + " " + r.getMetadata().getResourceVersion())
                    .sorted()
                    .forEach(line -> out.append(line).append('\n'));
        }
        return out.toString();
    }

    private void enforce(Scope scope, String name, String spec) throws Exception {
        PolicyRef ref = new PolicyRef(scope.namespace, name);
        drafts.save(scope.author, Policies.yaml(manifest(scope, name, spec)), null);
        perform(post(api(ref) + "/stage").with(scope.authorToken()));
        perform(post(api(ref) + "/promote")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .with(scope.authorToken()));
    }

    private void tier(String json) throws Exception {
        perform(post("/api/v1/tiers")
                .with(Who.PLATFORM_ADMIN.token())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json));
    }

    private String currentGuardrails() throws Exception {
        String current = mvc.perform(get("/api/v1/guardrails").with(Who.PLATFORM_ADMIN.token()))
                .andReturn()
                .getResponse()
                .getContentAsString();
        JsonNode rules = JSON.readTree(current).get("rules");
        return JSON.writeValueAsString(rules);
    }

    private void perform(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isBetween(200, 299);
    }

    private static String api(PolicyRef ref) {
        return ref.isGlobal()
                ? "/api/v1/global-policies/" + ref.name()
                : "/api/v1/namespaces/" + ref.namespace() + "/policies/" + ref.name();
    }

    /** A policy of the scope that selects no pod of the demo cluster, so that it changes no verdict. */
    private static dev.tierdeck.engine.model.CalicoPolicy policy(Scope scope, String name, int port) {
        return Policies.yaml(yaml(scope, name, port));
    }

    private static String yaml(Scope scope, String name, int port) {
        return manifest(scope, name, """
                selector: app == 'api'
                  ingress: [{action: Allow, protocol: TCP, source: {selector: app == 'web'}, destination: {ports: [%d]}}]""".formatted(port));
    }

    private static String manifest(Scope scope, String name, String spec) {
        String metadata = scope.namespace == null
                ? "kind: GlobalNetworkPolicy\nmetadata: {name: " + name + "}"
                : "kind: NetworkPolicy\nmetadata: {name: " + name + ", namespace: " + scope.namespace + "}";
        return "apiVersion: projectcalico.org/v3\n" + metadata + "\nspec:\n  tier: " + scope.tier + "\n  order: 100\n  "
                + spec + "\n";
    }

    static RequestPostProcessor token(String username, Role role, List<String> groups) {
        return jwt().jwt(token -> token.subject(username)
                        .claim("preferred_username", username)
                        .claim("name", username)
                        .claim("groups", groups))
                .authorities(new SimpleGrantedAuthority(role.authority()));
    }
}
