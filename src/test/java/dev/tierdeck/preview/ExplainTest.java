package dev.tierdeck.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@PreviewPortalTest
class ExplainTest {

    private static final String WEB = "checkout/web-6c7d8e9f1-klmno";
    private static final String API = "payments/api-7d9f8c6b5-abcde";

    @Autowired
    MockMvc mvc;

    @TempDir
    Path dir;

    @Test
    void everyoneSignedInGetsTheFormWithSuggestionsAndTheNavigationLink() throws Exception {
        mvc.perform(get("/explain").with(Users.VIEWER.session()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("<title>Explain a flow · Tierdeck</title>"),
                                containsString("href=\"/explain\""),
                                containsString("<option value=\"" + WEB + "\">"),
                                containsString("<option value=\"catalog\">"),
                                not(containsString("id=\"explanation\"")))));
    }

    @Test
    void showsTheVerdictAndTheDecisiveStepsInTablesAndWords() throws Exception {
        String page = mvc.perform(get("/explain")
                        .param("source", WEB)
                        .param("destination", API)
                        .param("protocol", "TCP")
                        .param("port", "8080")
                        .with(Users.ALICE.session()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page)
                .contains(WEB + " → " + API + " TCP/8080")
                .containsSubsequence("Enforced today", "Allow")
                .containsSubsequence(
                        "Ingress to " + API,
                        "default",
                        "payments/allow-web",
                        "ingress rule 1",
                        "Allow",
                        "allowed by tier default, policy payments/allow-web, ingress rule 1")
                .containsSubsequence("Egress from " + WEB, "(profile)", "kns.checkout", "profile")
                .contains("No staged policy changes this flow")
                .doesNotContain("apiVersion", "spec:");
    }

    @Test
    void showsThePendingStateWhenAStagedPolicyChangesTheTrace() throws Exception {
        mvc.perform(get("/explain")
                        .param("source", "catalog")
                        .param("destination", API)
                        .param("protocol", "TCP")
                        .param("port", "8080")
                        .with(Users.ALICE.session()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString(
                                        "The source namespace catalog is represented by its pod catalog/search-0."),
                                containsString("Pending, with every staged policy in force"),
                                containsString("denied by tier default, policy payments/deny-catalog (staged), "
                                        + "ingress rule 1"),
                                containsString("denied at the end of tier default"))));
    }

    @Test
    void badInputIsNamedAtItsFieldAndKept() throws Exception {
        mvc.perform(get("/explain")
                        .param("source", "payments/nope")
                        .param("destination", "10.0.0.999")
                        .param("protocol", "TCP")
                        .param("port", "99999")
                        .with(Users.ALICE.session()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"source-error\""),
                                containsString("There is no pod payments/nope in the cluster."),
                                containsString("&quot;10.0.0.999&quot; is neither a pod"),
                                containsString("&quot;99999&quot; is not a port: enter a number from 1 to 65535."),
                                containsString("value=\"payments/nope\""))));
    }

    @Test
    void withHtmxTheFormAndAnswerComeBackAsAFragment() throws Exception {
        mvc.perform(get("/explain")
                        .param("source", WEB)
                        .param("destination", "203.0.113.9")
                        .param("protocol", "ICMP")
                        .header("HX-Request", "true")
                        .with(Users.ALICE.session()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"explainer\""),
                                containsString(WEB + " → 203.0.113.9 ICMP"),
                                not(containsString("<html")))));
        mvc.perform(get("/explain")
                        .param("source", "")
                        .param("destination", API)
                        .param("port", "80")
                        .header("HX-Request", "true")
                        .with(Users.ALICE.session()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(containsString("Enter a pod (namespace/name), a namespace or an IP address.")));
    }

    @Test
    void theApiAnswersExactlyAsTheEvaluateCommand() throws Exception {
        String flow = """
                {"id": "f1",
                 "source": {"pod": "catalog/search-0"},
                 "destination": {"pod": "%s"},
                 "protocol": "TCP", "port": 8080}
                """.formatted(API);

        String answer = mvc.perform(post("/api/v1/explain")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(flow)
                        .with(Users.VIEWER.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.action").value("Deny"))
                .andExpect(jsonPath("$.pending.ingress.hits[0].name").value("deny-catalog"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(answer).isEqualTo(evaluate(flow.replace("\n", "")));
    }

    @Test
    void theApiNamesWhatIsWrongWithABadFlow() throws Exception {
        mvc.perform(post("/api/v1/explain")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                "{\"id\":\"f\",\"source\":{\"pod\":\"catalog/search-0\"},\"destination\":{\"ip\":\"1.2.3\"}}")
                        .with(Users.ALICE.token()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail")
                        .value("destination.ip: \"1.2.3\" is not an IPv4 or IPv6 address; protocol: is required"));
        mvc.perform(post("/api/v1/explain")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                "{\"id\":\"f\",\"source\":{\"pod\":\"payments/gone\"},\"destination\":{\"ip\":\"1.2.3.4\"},"
                                        + "\"protocol\":\"UDP\",\"port\":53}")
                        .with(Users.ALICE.token()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("source.pod: pod payments/gone does not exist in the cluster"));
        mvc.perform(post("/api/v1/explain")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{not json")
                        .with(Users.ALICE.token()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("not valid JSON")));
    }

    private String evaluate(String flowLine) throws IOException {
        Files.writeString(dir.resolve("cluster.yaml"), PreviewFixture.resource("cluster.yaml"));
        Files.writeString(dir.resolve("flows.jsonl"), flowLine + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Cli.run(
                new String[] {
                    "evaluate",
                    "--cluster",
                    dir.resolve("cluster.yaml").toString(),
                    "--flows",
                    dir.resolve("flows.jsonl").toString()
                },
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Map.of());
        assertThat(status).isZero();
        return out.toString(StandardCharsets.UTF_8).strip();
    }
}
