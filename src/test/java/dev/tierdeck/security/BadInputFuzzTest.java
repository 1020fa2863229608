package dev.tierdeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import dev.tierdeck.cluster.DemoClusters;
import dev.tierdeck.promotion.PermissionTableTest.Who;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Generated bad input over every way data gets in: the policy API in YAML and JSON, tiers, teams, guardrails,
 * explanations and flow imports as JSON, the forms of the editor, the tiers, the teams, the guardrails, the approvals
 * and the import upload, and the query parameters of the flow, audit, suggestion and preview routes. Each case is a
 * valid input with something wrong in it, signed in as a platform admin, who gets furthest. No answer may be a server
 * error or show the portal's internals, and a refused request (4xx) must add or remove no row in any table (the audit
 * trail included, which every change appends to) and change no team, tier, guardrail or approval request.
 *
 * <p>The cases come from a fixed seed ({@code -Dtierdeck.fuzz.seed=...} for another); a failure names the surface,
 * the case number and the seed.
 */
@SecuritySuiteTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputFuzzTest {

    static final long SEED = Long.getLong("tierdeck.fuzz.seed", 20261208L);

    /** Names of the portal's and its libraries' classes, stack frames, SQL states. */
    static final Pattern INTERNALS = Pattern.compile(
            "\\b(?:java|javax|jakarta|org\\.springframework|org\\.postgresql|org\\.hibernate|tools\\.jackson"
                    + "|com\\.fasterxml|io\\.fabric8|org\\.yaml|org\\.snakeyaml|org\\.thymeleaf|dev\\.tierdeck)"
                    + "\\.[a-z]++\\.|\\tat [a-z]|(?<![A-Za-z])[A-Z][A-Za-z]{0,80}Exception\\b|SQLState|ERROR: ");

    private static final AtomicInteger CASES = new AtomicInteger();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    private KubernetesClient cluster;
    private StateFingerprint state;
    private @Nullable String last;
    private JsonNode guardrails;

    /** One way data gets in: how many cases, and the request of case {@code i} from the generator. */
    record Surface(String name, int cases, CaseMaker make) {}

    interface CaseMaker {
        MockHttpServletRequestBuilder make(BadInput in, int i);
    }

    @BeforeAll
    void targets() throws Exception {
        cluster = DemoClusters.of(context).adminClient();
        state = new StateFingerprint(jdbc, cluster);
        mvc.perform(request(HttpMethod.POST, "/api/v1/tiers")
                .with(Who.PLATFORM_ADMIN.token())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"fz-target\",\"order\":900,\"defaultAction\":\"Pass\",\"comment\":\"t\"}"));
        mvc.perform(request(HttpMethod.POST, "/api/v1/teams")
                .with(Who.PLATFORM_ADMIN.token())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"fz-team\",\"description\":\"d\",\"groups\":[\"team-fz\"],"
                        + "\"namespacePatterns\":[\"fz-*\"],\"comment\":\"t\"}"));
        String current = mvc.perform(get("/api/v1/guardrails").with(Who.PLATFORM_ADMIN.token()))
                .andReturn()
                .getResponse()
                .getContentAsString();
        guardrails = BadInput.tree("{\"comment\":\"fuzzed\",\"rules\":"
                + BadInput.tree(current).get("rules").toString() + "}");
    }

    @AfterAll
    void close() {
        cluster.close();
    }

    @Test
    void atLeastFiveThousandCasesPerBuild() {
        assertThat(surfaces().stream().mapToInt(Surface::cases).sum()).isGreaterThanOrEqualTo(5_000);
    }

    @TestFactory
    Stream<DynamicTest> everySurface() {
        return surfaces().stream()
                .map(s -> DynamicTest.dynamicTest(s.name() + " (" + s.cases() + " cases)", () -> run(s)));
    }

    private void run(Surface surface) throws Exception {
        BadInput in = new BadInput(SEED ^ surface.name().hashCode());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < surface.cases(); i++) {
            MockHttpServletRequestBuilder request = surface.make().make(in, i);
            String before = state();
            MvcResult result;
            try {
                result = mvc.perform(request).andReturn();
            } catch (Exception unhandled) {
                // the container would answer 500 to what MockMvc hands on
                failures.add(surface.name() + " case " + i + " (seed " + SEED + "): unhandled " + unhandled);
                last = null;
                continue;
            }
            CASES.incrementAndGet();
            int status = result.getResponse().getStatus();
            String body = result.getResponse().getContentAsString();
            String where = surface.name() + " case " + i + " (seed " + SEED + "): " + status + " ";
            if (status >= 500) {
                failures.add(where + "server error: " + abbreviate(body));
            }
            // the head and the tail of the answer: where a trace or a class name would be; an echoed input may be huge
            String ends =
                    body.length() <= 40_000 ? body : body.substring(0, 20_000) + body.substring(body.length() - 20_000);
            var internals = INTERNALS.matcher(ends);
            if (internals.find()) {
                failures.add(where + "shows internals (" + internals.group() + "): " + abbreviate(body));
            }
            last = null;
            if (status >= 400 && status < 500 && !state().equals(before)) {
                failures.add(where + "changed the database although refused: " + abbreviate(body));
            }
        }
        assertThat(failures.stream().limit(25).toList())
                .as(failures.size() + " failures")
                .isEmpty();
    }

    private String state() {
        if (last == null) {
            last = state.counts();
        }
        return last;
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    List<Surface> surfaces() {
        JsonNode policy = BadInput.treeOfYaml(SecurityRoutes.policyYaml(null, 8080));
        JsonNode global = BadInput.treeOfYaml(
                SecurityRoutes.policyYaml(dev.tierdeck.promotion.PermissionTableTest.Scope.GLOBAL_POLICY, 8080));
        JsonNode tier = BadInput.tree("{\"name\":\"fz\",\"order\":901,\"defaultAction\":\"Pass\",\"locked\":false,"
                + "\"owners\":[\"tierdeck-security-admins\"],\"purpose\":\"p\",\"confidential\":false,"
                + "\"developerTier\":false,\"comment\":\"c\"}");
        JsonNode team = BadInput.tree("{\"name\":\"fz\",\"description\":\"d\",\"groups\":[\"team-fz\"],"
                + "\"namespacePatterns\":[\"fz-*\"],\"approverGroups\":[\"fz-approvers\"],\"comment\":\"c\"}");
        JsonNode explain = BadInput.tree("{\"id\":\"f\",\"source\":{\"pod\":\"payments/payments-api-7d9f8c6b5-x2k9q\"},"
                + "\"destination\":{\"ip\":\"10.0.0.2\"},\"protocol\":\"TCP\",\"port\":443}");
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        JsonNode flows = BadInput.tree("{\"items\":[{\"start_time\":\"" + now + "\",\"end_time\":\"" + now
                + "\",\"action\":\"Allow\",\"source_name\":\"web-*\",\"source_namespace\":\"catalog\","
                + "\"dest_name\":\"api-*\",\"dest_namespace\":\"catalog\",\"protocol\":\"tcp\",\"dest_port\":8080,"
                + "\"reporter\":\"Dst\",\"packets_in\":1,\"bytes_in\":10}]}");
        Map<String, String> editor = ordered(
                "name", "fz-form",
                "tier", "default",
                "order", "100",
                "labels", "app=api",
                "types", "Ingress",
                "selector.rows[0].key", "app",
                "selector.rows[0].operator", "==",
                "selector.rows[0].values", "api",
                "ingress[0].action", "Allow",
                "ingress[0].protocol", "TCP",
                "ingress[0].ports", "8080",
                "ingress[0].peer.kind", "cidrs",
                "ingress[0].peer.nets", "10.0.0.0/8",
                "reason", "r",
                "_action", "validate");
        Map<String, String> tierForm = ordered(
                "name", "fz-form",
                "order", "902",
                "defaultAction", "Pass",
                "owners", "tierdeck-security-admins",
                "purpose", "p",
                "comment", "c");
        Map<String, String> teamForm = ordered(
                "name", "fz-form",
                "description", "d",
                "groups", "team-fz",
                "namespacePatterns", "fz-*",
                "approverGroups", "fz-approvers",
                "comment", "c");
        Map<String, String> guardrailForm = ordered(
                "comment", "c",
                "egressSeverity", "block",
                "egressAllowed", "",
                "ingressSeverity", "block",
                "peersSeverity", "approval",
                "portsSeverity", "block",
                "protocols", "TCP",
                "ports", "80, 443",
                "maxRulesSeverity", "block",
                "maxRules", "20",
                "passLogSeverity", "block",
                "passAllowedIn", "");
        Map<String, String> flowQuery = ordered(
                "namespace", "payments",
                "from", "2026-11-26T14:00",
                "to", now,
                "action", "Deny",
                "pendingAction", "Allow",
                "workload", "payments-api",
                "port", "8080",
                "policy", "default.payments-api",
                "page", "0",
                "size", "50");
        Map<String, String> auditQuery = ordered(
                "namespace", "payments",
                "tier", "default",
                "user", "admin",
                "action", "policy",
                "from", "2026-11-26",
                "to", now,
                "page", "0");
        Map<String, String> window = ordered("from", "2026-11-26T14:00", "to", now, "level", "workload");
        List<Surface> out = new ArrayList<>();
        out.add(new Surface(
                "policy API, YAML",
                900,
                (in, i) -> body(
                        HttpMethod.PUT,
                        "/api/v1/namespaces/payments/policies/fz-y" + i,
                        "application/yaml",
                        in.yaml(named(policy, "fz-y" + i)))));
        out.add(new Surface(
                "policy API, JSON",
                400,
                (in, i) -> body(
                        HttpMethod.PUT,
                        "/api/v1/namespaces/payments/policies/fz-j" + i,
                        "application/json",
                        in.json(named(policy, "fz-j" + i)))));
        out.add(new Surface(
                "global policy API, YAML",
                200,
                (in, i) -> body(
                        HttpMethod.PUT,
                        "/api/v1/global-policies/fz-g" + i,
                        "application/yaml",
                        in.yaml(named(global, "fz-g" + i)))));
        out.add(new Surface(
                "policy API, content types",
                100,
                (in, i) -> body(
                        HttpMethod.PUT,
                        "/api/v1/namespaces/payments/policies/fz-c" + i,
                        in.pick(List.of(
                                "text/plain",
                                "application/xml",
                                "multipart/form-data; boundary=b",
                                "application/x-www-form-urlencoded",
                                "application/yaml; charset=x-unknown",
                                "application/json; charset=UTF-16",
                                "image/png")),
                        in.chance(50) ? SecurityRoutes.policyYaml(null, 8080) : in.string())));
        out.add(new Surface(
                "tiers API, create",
                350,
                (in, i) ->
                        body(HttpMethod.POST, "/api/v1/tiers", "application/json", in.json(named(tier, "fz-t" + i)))));
        out.add(new Surface(
                "tiers API, change",
                200,
                (in, i) -> body(
                        HttpMethod.PUT,
                        "/api/v1/tiers/fz-target",
                        "application/json",
                        in.json(without(tier, "name")))));
        out.add(new Surface(
                "teams API, create",
                300,
                (in, i) -> body(
                        HttpMethod.POST, "/api/v1/teams", "application/json", in.json(named(team, "fz-team-" + i)))));
        out.add(new Surface(
                "teams API, change",
                200,
                (in, i) -> body(
                        HttpMethod.PUT, "/api/v1/teams/fz-team", "application/json", in.json(without(team, "name")))));
        out.add(new Surface(
                "guardrails API",
                250,
                (in, i) -> body(HttpMethod.PUT, "/api/v1/guardrails", "application/json", in.json(guardrails))));
        out.add(new Surface(
                "explain API",
                450,
                (in, i) -> body(HttpMethod.POST, "/api/v1/explain", "application/json", in.json(explain))));
        out.add(new Surface(
                "flow import API",
                350,
                (in, i) -> body(HttpMethod.POST, "/api/v1/flows/import", "application/json", in.json(flows))));
        out.add(new Surface(
                "policy editor form",
                400,
                (in, i) -> form("/namespaces/payments/policies/new", in.parameters(withSave(editor, in, "fz-e" + i)))));
        out.add(new Surface(
                "tier form", 150, (in, i) -> form("/admin/tiers", in.parameters(with(tierForm, "name", "fz-f" + i)))));
        out.add(new Surface(
                "team form", 150, (in, i) -> form("/admin/teams", in.parameters(with(teamForm, "name", "fz-f" + i)))));
        out.add(new Surface("guardrail form", 100, (in, i) -> form("/admin/guardrails", in.parameters(guardrailForm))));
        out.add(new Surface(
                "approval forms",
                60,
                (in, i) -> form(
                        "/admin/approvals/" + (in.chance(50) ? in.pick(BadInput.NUMBERS) : "1") + "/"
                                + (in.chance(50) ? "approve" : "reject"),
                        in.parameters(ordered("comment", "c")))));
        out.add(new Surface(
                "flow import upload",
                60,
                (in, i) -> request(HttpMethod.POST, "/admin/flow-source/import")
                        .with(Who.PLATFORM_ADMIN.session())
                        .with(csrf())
                        .accept(MediaType.TEXT_HTML)
                        .contentType("multipart/form-data; boundary=fzb")
                        .content("--fzb\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.json\"\r\n"
                                + "Content-Type: application/json\r\n\r\n" + in.json(flows) + "\r\n--fzb--\r\n")));
        out.add(new Surface("flow API query", 300, (in, i) -> query("/api/v1/flows", in.parameters(flowQuery), true)));
        out.add(new Surface(
                "audit API query", 200, (in, i) -> query("/api/v1/audit", in.parameters(auditQuery), true)));
        out.add(new Surface("flow browser query", 150, (in, i) -> query("/flows", in.parameters(flowQuery), false)));
        out.add(new Surface(
                "audit trail query", 100, (in, i) -> query("/admin/audit", in.parameters(auditQuery), false)));
        out.add(new Surface(
                "suggestion window",
                30,
                (in, i) -> query("/namespaces/payments/recommendation", in.parameters(window), false)));
        out.add(new Surface("preview window", 30, (in, i) -> {
            MockHttpServletRequestBuilder r = request(
                            HttpMethod.POST, "/api/v1/namespaces/payments/policies/fz-y0/preview")
                    .with(Who.PLATFORM_ADMIN.token());
            in.parameters(window).forEach((k, v) -> r.param(k, v.toArray(String[]::new)));
            return r;
        }));
        return out;
    }

    private static MockHttpServletRequestBuilder body(HttpMethod method, String path, String type, String content) {
        return request(method, path)
                .with(Who.PLATFORM_ADMIN.token())
                .contentType(type)
                .content(content);
    }

    private static MockHttpServletRequestBuilder form(String path, Map<String, List<String>> parameters) {
        MockHttpServletRequestBuilder r = request(HttpMethod.POST, path)
                .with(Who.PLATFORM_ADMIN.session())
                .with(csrf())
                .accept(MediaType.TEXT_HTML)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED);
        parameters.forEach((k, v) -> r.param(k, v.toArray(String[]::new)));
        return r;
    }

    private static MockHttpServletRequestBuilder query(String path, Map<String, List<String>> parameters, boolean api) {
        MockHttpServletRequestBuilder r = get(path);
        if (api) {
            r.with(Who.PLATFORM_ADMIN.token());
        } else {
            r.with(Who.PLATFORM_ADMIN.session()).accept(MediaType.TEXT_HTML);
        }
        parameters.forEach((k, v) -> r.param(k, v.toArray(String[]::new)));
        return r;
    }

    private static JsonNode named(JsonNode valid, String name) {
        JsonNode copy = valid.deepCopy();
        if (copy.get("metadata") instanceof tools.jackson.databind.node.ObjectNode metadata) {
            metadata.put("name", name);
        } else if (copy instanceof tools.jackson.databind.node.ObjectNode object) {
            object.put("name", name);
        }
        return copy;
    }

    private static JsonNode without(JsonNode valid, String field) {
        tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) valid.deepCopy();
        copy.remove(field);
        return copy;
    }

    private static Map<String, String> with(Map<String, String> valid, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(valid);
        copy.put(key, value);
        return copy;
    }

    /** Half of the editor cases save, so that a bad field reaches the store as well as the validation. */
    private static Map<String, String> withSave(Map<String, String> valid, BadInput in, String name) {
        Map<String, String> copy = with(valid, "name", name);
        copy.put("_action", in.chance(50) ? "save" : in.pick(List.of("validate", "yaml-to-form", "sync", "mode-yaml")));
        return copy;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
