package dev.tierdeck.flow.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.flow.format.FlowFilesTest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

@SpringBootTest
class FlowImportControllerTest {

    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void setUp(WebApplicationContext context) {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
        jdbc.execute("truncate flow_bucket");
    }

    /** The sample files are dated 2026-01-01; move them to yesterday so they are inside the retention. */
    static byte[] recent(String name) {
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        return new String(FlowFilesTest.resource(name), StandardCharsets.UTF_8)
                .replace("2026-01-01", yesterday)
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @WithMockUser(roles = "SECURITY_ADMIN")
    void importsAnUploadedWhiskerFile() throws Exception {
        mvc.perform(multipart("/api/v1/flows/import")
                        .file(new MockMultipartFile(
                                "file", "flows.json", "application/json", recent("whisker-page.json")))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.format").value("WHISKER"))
                .andExpect(jsonPath("$.flows").value(2))
                .andExpect(jsonPath("$.imported").value(2));

        assertThat(jdbc.queryForObject("select count(*) from flow_bucket", Long.class))
                .isEqualTo(2);
    }

    @Test
    @WithMockUser(roles = "PLATFORM_ADMIN")
    void importsARawJsonlBody() throws Exception {
        mvc.perform(post("/api/v1/flows/import")
                        .contentType("application/x-ndjson")
                        .content(recent("contract.jsonl"))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.format").value("CONTRACT"))
                .andExpect(jsonPath("$.imported").value(4));
    }

    @Test
    @WithMockUser(roles = "PLATFORM_ADMIN")
    void invalidFlowsImportNothingAndNameTheLine() throws Exception {
        mvc.perform(post("/api/v1/flows/import")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(recent("invalid-whisker.jsonl"))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value("line 2: dest_port: expected a number 0..65535, got \"abc\""))
                .andExpect(jsonPath("$.line").value(2))
                .andExpect(jsonPath("$.problems.length()").value(3));

        assertThat(jdbc.queryForObject("select count(*) from flow_bucket", Long.class))
                .isZero();
    }

    @Test
    @WithMockUser(roles = "PLATFORM_ADMIN")
    void malformedJsonIsABadRequest() throws Exception {
        mvc.perform(post("/api/v1/flows/import")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(FlowFilesTest.resource("malformed.json"))
                        .with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Unreadable flow file"))
                .andExpect(jsonPath("$.line").value(4));
    }

    @Test
    @WithMockUser(roles = "DEVELOPER")
    void developersMayNotImport() throws Exception {
        mvc.perform(post("/api/v1/flows/import")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(recent("contract.jsonl"))
                        .with(csrf()))
                .andExpect(status().isForbidden());
    }
}
