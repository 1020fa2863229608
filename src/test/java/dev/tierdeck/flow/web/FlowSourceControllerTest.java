package dev.tierdeck.flow.web;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.flow.FlowSource;
import dev.tierdeck.flow.FlowSourceStatus;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

@SpringBootTest
class FlowSourceControllerTest {

    MockMvc mvc;

    @TestConfiguration
    static class OneSource {
        @Bean
        FlowSource goldmane() {
            return () -> new FlowSourceStatus(
                    "goldmane",
                    "goldmane.calico-system.svc:7443",
                    true,
                    true,
                    Instant.parse("2026-11-26T14:00:00Z"),
                    120,
                    5000,
                    3,
                    1,
                    "UNAVAILABLE: goldmane restarted",
                    Instant.parse("2026-11-26T13:00:00Z"),
                    Instant.parse("2026-11-26T13:59:45Z"));
        }
    }

    @BeforeEach
    void setUp(WebApplicationContext context) {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
    }

    @Test
    @WithMockUser(roles = "PLATFORM_ADMIN")
    void showsTheHealthOfEachSource() throws Exception {
        mvc.perform(get("/api/v1/flows/source"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sources[0].type").value("goldmane"))
                .andExpect(jsonPath("$.sources[0].connected").value(true))
                .andExpect(jsonPath("$.sources[0].flowsPerMinute").value(120))
                .andExpect(jsonPath("$.sources[0].lastError").value("UNAVAILABLE: goldmane restarted"));
    }

    @Test
    @WithMockUser(roles = "VIEWER")
    void isForAdminsOnly() throws Exception {
        mvc.perform(get("/api/v1/flows/source")).andExpect(status().isForbidden());
    }
}
