package dev.tierdeck.system.web;

import static dev.tierdeck.system.TestUsers.alice;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** What the container's error dispatch to {@code /error} renders. */
@SpringBootTest
@AutoConfigureMockMvc
class PortalErrorControllerTest {

    private static final String UUID = "[0-9a-f-]{36}";

    @Autowired
    MockMvc mvc;

    @Test
    void notFoundIsAPageWithTheCorrelationIdInTheLayout() throws Exception {
        mvc.perform(error(404, "/nowhere").with(alice()).accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound())
                .andExpect(content()
                        .string(allOf(
                                containsString("<title>Not found · Tierdeck</title>"),
                                containsString("There is nothing at this address."),
                                containsString("Reference: <code>"),
                                containsString("Sign out"))));
    }

    @Test
    void htmxGetsTheProblemFragmentOnly() throws Exception {
        mvc.perform(error(403, "/somewhere")
                        .with(alice())
                        .accept(MediaType.TEXT_HTML)
                        .header("HX-Request", "true"))
                .andExpect(status().isForbidden())
                .andExpect(content()
                        .string(allOf(
                                startsWith("<section class=\"card problem\""),
                                containsString("Your roles do not give you access to this page."),
                                not(containsString("<html")))));
    }

    @Test
    void serverErrorsShowAReferenceButNeverTheException() throws Exception {
        mvc.perform(error(500, "/boom")
                        .with(alice())
                        .accept(MediaType.TEXT_HTML)
                        .header("X-Correlation-Id", "report-this-id-42")
                        .requestAttr(
                                RequestDispatcher.ERROR_EXCEPTION,
                                new IllegalStateException("select * from secrets where token='abc'")))
                .andExpect(status().isInternalServerError())
                .andExpect(content()
                        .string(allOf(
                                containsString("Something went wrong"),
                                containsString("<code>report-this-id-42</code>"),
                                not(containsString("secrets")),
                                not(containsString("IllegalStateException")),
                                not(containsString("\tat ")))));
    }

    @Test
    void apiPathsGetAProblemDocument() throws Exception {
        mvc.perform(error(404, "/api/v1/nothing").accept(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.title").value("Not found"))
                .andExpect(jsonPath("$.instance").value("/api/v1/nothing"))
                .andExpect(jsonPath("$.correlationId").value(matchesPattern(UUID)));
    }

    @Test
    void clientsThatDoNotAskForHtmlGetAProblemDocument() throws Exception {
        mvc.perform(error(500, "/metrics").accept(MediaType.APPLICATION_JSON).header("X-Correlation-Id", "abc-123-xyz"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.correlationId").value("abc-123-xyz"))
                .andExpect(jsonPath("$.detail").value(not(containsString("Exception"))));
    }

    @Test
    void errorsCarryTheCorrelationIdHeader() throws Exception {
        // the security headers of errors come from the original dispatch: see SignedInBrowserSessionTest
        mvc.perform(error(404, "/nowhere").accept(MediaType.TEXT_HTML))
                .andExpect(header().string("X-Correlation-Id", matchesPattern(UUID)));
    }

    private static MockHttpServletRequestBuilder error(int status, String path) {
        return get("/error")
                .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, path);
    }
}
