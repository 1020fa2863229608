package dev.tierdeck.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.TestUsers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RecommendationPortalTest
class RecommendationApiTest {

    private static final String API = "/api/v1/namespaces/checkout/recommendation";

    @Autowired
    MockMvc mvc;

    @Autowired
    FlowStore flows;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void history() {
        jdbc.sql("delete from flow_bucket").update();
        flows.ingest(
                CheckoutHistory.at(Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(30, ChronoUnit.MINUTES)));
    }

    private JsonNode json(String body) {
        return JsonMapper.builder().build().readTree(body);
    }

    @Test
    void answersWithTheSameDocumentAsTheCommandLinePlusTheWindow() throws Exception {
        String body = mvc.perform(post(API).with(TestUsers.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andReturn()
                .getResponse()
                .getContentAsString();
        JsonNode json = json(body);

        List<String> keys = new ArrayList<>();
        json.propertyNames().forEach(keys::add);
        assertThat(keys)
                .containsExactly(
                        "window",
                        "namespace",
                        "workload",
                        "level",
                        "layout",
                        "directions",
                        "tier",
                        "leaveOut",
                        "summary",
                        "policies",
                        "proof",
                        "levels",
                        "connections",
                        "history",
                        "unmapped");
        assertThat(json.get("summary").get("policies").intValue()).isEqualTo(3);
        assertThat(json.get("summary").get("holds").booleanValue()).isTrue();
        assertThat(json.get("summary").get("newlyDenied").intValue()).isZero();
        assertThat(json.get("proof").get("observedAllowedFlows").intValue()).isEqualTo(6);
        assertThat(json.get("policies").get(0).get("manifest").get("kind").stringValue())
                .isEqualTo("NetworkPolicy");
        assertThat(json.get("policies")
                        .get(0)
                        .get("manifest")
                        .get("metadata")
                        .get("name")
                        .stringValue())
                .isEqualTo("suggested-cart");
        assertThat(json.get("levels")).hasSize(3);
        assertThat(drafts.list("checkout")).isEmpty();
    }

    @Test
    void leavingOutAConnectionDeniesExactlyIt() throws Exception {
        mvc.perform(post(API).param("leaveOut", CheckoutHistory.DEBUG_TO_CART).with(TestUsers.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.summary.newlyDenied").value(1))
                .andExpect(jsonPath("$.summary.newlyDeniedUnexpectedly").value(0))
                .andExpect(jsonPath("$.proof.newlyDenied[0].source").value("sandbox/debug-shell"))
                .andExpect(jsonPath("$.proof.newlyDenied[0].leftOut").value(true));
    }

    @Test
    void levelWorkloadAndLayoutAreParameters() throws Exception {
        mvc.perform(post(API)
                        .param("level", "strict")
                        .param("workload", "cart")
                        .param("layout", "namespace")
                        .param("directions", "ingress")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.level").value("strict"))
                .andExpect(jsonPath("$.workload").value("cart"))
                .andExpect(jsonPath("$.policies.length()").value(1))
                .andExpect(jsonPath("$.policies[0].manifest.spec.types[0]").value("Ingress"));
    }

    @Test
    void policyNamesOfAConfidentialTierStayHiddenFromDevelopers() throws Exception {
        JsonNode alice = json(mvc.perform(post(API).with(TestUsers.ALICE.token()))
                .andReturn()
                .getResponse()
                .getContentAsString());
        JsonNode admin = json(mvc.perform(post(API).with(TestUsers.ADMIN.token()))
                .andReturn()
                .getResponse()
                .getContentAsString());

        assertThat(decidedByPlatform(alice)).isNotEmpty().allMatch(JsonNode::isNull);
        assertThat(decidedByPlatform(admin))
                .isNotEmpty()
                .allMatch(n -> n.stringValue().equals("allow-dns"));
    }

    private static List<JsonNode> decidedByPlatform(JsonNode json) {
        List<JsonNode> names = new ArrayList<>();
        for (JsonNode c : json.get("connections")) {
            JsonNode by = c.get("decidedBy");
            if (by != null && !by.isNull() && "platform".equals(by.get("tier").stringValue())) {
                names.add(by.get("name"));
            }
        }
        return names;
    }

    @Test
    void otherTeamsAreRefusedBadParametersNamedAndUnknownNamespacesNotFound() throws Exception {
        mvc.perform(post(API).with(TestUsers.BOB.token()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail")
                        .value("The namespace checkout belongs to team payments, not to one of your teams."));
        mvc.perform(post(API).param("level", "loose").param("width", "99").with(TestUsers.ALICE.token()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("level"))
                .andExpect(jsonPath("$.errors[0].message").value("Choose strict, workload or namespace."));
        mvc.perform(post(API).param("from", "yesterday").with(TestUsers.ALICE.token()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
        mvc.perform(post("/api/v1/namespaces/nowhere/recommendation").with(TestUsers.ADMIN.token()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.correlationId").exists());
    }

    @Test
    void aBrowserSessionNeedsTheCsrfToken() throws Exception {
        mvc.perform(post(API).with(TestUsers.ALICE.session())).andExpect(status().isForbidden());
        mvc.perform(post(API).with(csrf()).with(TestUsers.ALICE.session())).andExpect(status().isOk());
    }

    @Test
    void theOpenApiDescriptionHasTheRoute() throws Exception {
        String doc = mvc.perform(get("/v3/api-docs").with(TestUsers.ADMIN.session()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(doc)
                .contains("/api/v1/namespaces/{namespace}/recommendation")
                .contains("Suggest policies from the namespace's observed traffic, proven against it")
                .contains("leaveOut");
    }
}
