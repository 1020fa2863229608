package dev.tierdeck.system;

import static dev.tierdeck.system.TestUsers.alice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class CorrelationIdFilterTest {

    @Autowired
    MockMvc mvc;

    @Test
    void givesEveryResponseAnId() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(header().string(CorrelationId.HEADER, matchesPattern("[0-9a-f-]{36}")));
    }

    @Test
    void keepsAnIdSentByTheCaller() throws Exception {
        mvc.perform(get("/actuator/health").header(CorrelationId.HEADER, "trace-0042-from-gateway"))
                .andExpect(header().string(CorrelationId.HEADER, "trace-0042-from-gateway"));
    }

    @Test
    void replacesAnIdThatIsNotAShortToken() throws Exception {
        mvc.perform(get("/actuator/health").header(CorrelationId.HEADER, "<script>alert(1)</script>"))
                .andExpect(header().string(CorrelationId.HEADER, matchesPattern("[0-9a-f-]{36}")));
    }

    @Test
    void logsOneLinePerRequestWithMethodPathStatusDurationUserAndId(CapturedOutput output) throws Exception {
        mvc.perform(get("/").with(alice()).header(CorrelationId.HEADER, "request-line-test-1"));

        assertThat(output.getOut().lines().filter(line -> line.contains("dev.tierdeck.requests")))
                .anySatisfy(line -> assertThat(line)
                        .contains("[request-line-test-1]")
                        .containsPattern("GET / 200 \\d+ms user=alice"));
    }
}
