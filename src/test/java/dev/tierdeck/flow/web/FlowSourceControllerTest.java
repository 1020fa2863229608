package dev.tierdeck.flow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.flow.FlowSource;
import dev.tierdeck.flow.FlowSourceStatus;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import dev.tierdeck.tenancy.Permissions;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

@SpringBootTest
class FlowSourceControllerTest {

    MockMvc mvc;

    @Autowired
    Permissions permissions;

    @BeforeEach
    void setUp(WebApplicationContext context) {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
    }

    @Test
    @WithMockUser(roles = "PLATFORM_ADMIN")
    void listsNoSourceWhenFlowsOnlyComeByImport() throws Exception {
        mvc.perform(get("/api/v1/flows/source"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sources.length()").value(0));
    }

    @Test
    @WithMockUser(roles = "VIEWER")
    void isForAdminsOnly() throws Exception {
        mvc.perform(get("/api/v1/flows/source")).andExpect(status().isForbidden());
    }

    @Test
    void showsTheHealthOfEachSource() {
        FlowSource goldmane = () -> new FlowSourceStatus(
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

        CurrentUser admin = new CurrentUser(
                "", "ada", "ada", "Ada", Set.of(Role.PLATFORM_ADMIN), Set.of("tierdeck-platform-admins"));
        var sources = new FlowSourceController(List.of(goldmane), permissions)
                .sources(admin)
                .sources();

        assertThat(sources).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo("goldmane");
            assertThat(s.flowsPerMinute()).isEqualTo(120);
        });
    }
}
