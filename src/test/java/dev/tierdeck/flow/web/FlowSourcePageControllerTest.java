package dev.tierdeck.flow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.system.TestUsers;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

@SpringBootTest
class FlowSourcePageControllerTest {

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

    static MockMultipartFile file(String name, String content) {
        return new MockMultipartFile("file", name, "application/json", content.getBytes(StandardCharsets.UTF_8));
    }

    static String flowLine(String day, String port) {
        return "{\"start_time\":\"" + day + "T10:00:00Z\",\"action\":\"Allow\",\"source_name\":\"a-*\","
                + "\"source_namespace\":\"x\",\"dest_name\":\"b-*\",\"dest_namespace\":\"y\",\"protocol\":\"TCP\","
                + "\"dest_port\":" + port + ",\"reporter\":\"Src\"}\n";
    }

    static String yesterday() {
        return LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    }

    @Test
    void showsTheConfiguredSourceItsHealthAndAnEmptyHistory() throws Exception {
        mvc.perform(get("/admin/flow-source").with(TestUsers.admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("not configured (tierdeck.flow.goldmane.address)")))
                .andExpect(content().string(containsString("No continuous source runs")))
                .andExpect(content().string(containsString("14 days, in buckets of 60 s")))
                .andExpect(content().string(containsString("No flows are stored yet.")))
                .andExpect(content().string(containsString("enctype=\"multipart/form-data\"")))
                .andExpect(content().string(containsString("name=\"_csrf\"")));
    }

    @Test
    void isForAdminsOnly() throws Exception {
        mvc.perform(get("/admin/flow-source").with(TestUsers.viewer())).andExpect(status().isForbidden());
        mvc.perform(multipart("/admin/flow-source/import")
                        .file(file("flows.jsonl", flowLine(yesterday(), "80")))
                        .with(TestUsers.alice())
                        .with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(jdbc.queryForObject("select count(*) from flow_bucket", Long.class))
                .isZero();
    }

    @Test
    void anUploadedFileIsStoredAndTheCountsFlashedAfterARedirect() throws Exception {
        String day = yesterday();
        mvc.perform(multipart("/admin/flow-source/import")
                        .file(file("flows.jsonl", flowLine(day, "80") + flowLine(day, "443")))
                        .with(TestUsers.admin())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/admin/flow-source"))
                .andExpect(flash().attribute("imported", "flows.jsonl: 2 flows read, 2 imported."));

        mvc.perform(get("/admin/flow-source").with(TestUsers.admin()))
                .andExpect(content().string(containsString(day + "T10:00:00Z")))
                .andExpect(content().string(containsString("<dd>2</dd>")));
    }

    @Test
    void anInvalidFileShowsItsProblemsByLineAndStoresNothing() throws Exception {
        String day = yesterday();
        mvc.perform(multipart("/admin/flow-source/import")
                        .file(file("bad.jsonl", flowLine(day, "80") + flowLine(day, "\"abc\"")))
                        .with(TestUsers.admin())
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("bad.jsonl has invalid flows; nothing was imported.")))
                .andExpect(content().string(containsString("line 2: dest_port: expected a number 0..65535")));

        assertThat(jdbc.queryForObject("select count(*) from flow_bucket", Long.class))
                .isZero();
    }

    @Test
    void anUnreadableOrMissingFileIsNamed() throws Exception {
        mvc.perform(multipart("/admin/flow-source/import")
                        .file(file("notes.txt", "hello"))
                        .with(TestUsers.admin())
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("notes.txt could not be read; nothing was imported.")))
                .andExpect(content().string(containsString("line 1: malformed JSON")));

        mvc.perform(multipart("/admin/flow-source/import")
                        .with(TestUsers.admin())
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Choose a flow file to import.")));
    }

    @Test
    void theNavigationOffersThePageToAdmins() throws Exception {
        mvc.perform(get("/flows").with(TestUsers.admin()))
                .andExpect(content().string(containsString("href=\"/admin/flow-source\"")));
    }
}
