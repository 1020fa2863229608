package dev.tierdeck.cluster.web;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.cluster.ActingUser;
import dev.tierdeck.cluster.ClusterDrift;
import dev.tierdeck.cluster.ClusterKind;
import dev.tierdeck.cluster.Drift;
import dev.tierdeck.cluster.ObjectDiff;
import dev.tierdeck.cluster.ObjectRef;
import dev.tierdeck.cluster.WriteOutcome;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.CurrentUsers;
import dev.tierdeck.identity.Role;
import dev.tierdeck.tenancy.FixedTeams;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Teams;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

@WebMvcTest(controllers = DriftController.class)
@Import({ClusterWebSecurity.class, TestWebSecurity.class, DriftControllerTest.Fakes.class, Permissions.class})
class DriftControllerTest {

    @TestConfiguration
    static class Fakes {
        /** Who may see drift is a matter of roles; no team is needed. */
        @Bean
        Teams teams() {
            return new FixedTeams(List.of());
        }

        /** The signed-in test user with the roles of their authorities, as the portal resolves a session's. */
        @Bean
        CurrentUsers currentUsers() {
            return new CurrentUsers() {
                @Override
                public Optional<CurrentUser> current() {
                    Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
                    if (signedIn == null || !signedIn.isAuthenticated()) {
                        return Optional.empty();
                    }
                    Set<Role> roles = signedIn.getAuthorities().stream()
                            .flatMap(a -> Role.fromAuthority(String.valueOf(a.getAuthority())).stream())
                            .collect(Collectors.toSet());
                    String name = signedIn.getName();
                    return Optional.of(new CurrentUser("", name, name, name, roles, Set.of()));
                }

                @Override
                public CurrentUser require() {
                    return current().orElseThrow();
                }
            };
        }

        @Bean
        ClusterDrift clusterDrift() {
            return new ClusterDrift() {
                @Override
                public List<Drift> drift() {
                    return List.of(new Drift(
                            "global_network_policy..deny-cloud-metadata",
                            new ObjectRef(ClusterKind.GLOBAL_NETWORK_POLICY, null, "deny-cloud-metadata"),
                            Drift.Reason.LOCKED_TIER_CHANGED,
                            "security",
                            new ObjectDiff(
                                    List.of(new ObjectDiff.FieldChange("spec.selector", "all()", "team == 'x'"))),
                            Instant.parse("2026-11-26T12:00:00Z")));
                }

                @Override
                public WriteOutcome restore(ActingUser admin, String driftId) {
                    throw new UnsupportedOperationException("not reached from this controller");
                }
            };
        }
    }

    /** Restores are tested against the whole application in DriftPagesTest. */
    @MockitoBean
    DriftRestore restore;

    @Autowired
    WebApplicationContext context;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
    }

    @Test
    @WithMockUser(roles = "SECURITY_ADMIN")
    void securityAdminsSeeDriftWithTheDiff() throws Exception {
        mvc.perform(get("/api/v1/drift"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].kind").value("GlobalNetworkPolicy"))
                .andExpect(jsonPath("$[0].name").value("deny-cloud-metadata"))
                .andExpect(jsonPath("$[0].reason").value("LOCKED_TIER_CHANGED"))
                .andExpect(jsonPath("$[0].tier").value("security"))
                .andExpect(jsonPath("$[0].changes[0].path").value("spec.selector"))
                .andExpect(jsonPath("$[0].changes[0].expected").value("all()"))
                .andExpect(jsonPath("$[0].changes[0].actual").value("team == 'x'"));
    }

    @Test
    @WithMockUser(roles = "PLATFORM_ADMIN")
    void platformAdminsSeeDrift() throws Exception {
        mvc.perform(get("/api/v1/drift")).andExpect(status().isOk());
    }

    @Test
    @WithMockUser(roles = "DEVELOPER")
    void developersDoNot() throws Exception {
        mvc.perform(get("/api/v1/drift")).andExpect(status().isForbidden());
    }

    @Test
    @WithMockUser(roles = "VIEWER")
    void viewersDoNot() throws Exception {
        mvc.perform(get("/api/v1/drift")).andExpect(status().isForbidden());
    }
}
