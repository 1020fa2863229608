package dev.tierdeck.cluster.web;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.cluster.CalicoApiMode;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ClusterSnapshot;
import dev.tierdeck.cluster.ClusterStatus;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

@WebMvcTest(controllers = ClusterStatusController.class)
@Import({ClusterWebSecurity.class, TestWebSecurity.class, ClusterStatusControllerTest.Fakes.class})
class ClusterStatusControllerTest {

    @TestConfiguration
    static class Fakes {
        @Bean
        ClusterReader clusterReader() {
            return new ClusterReader() {
                @Override
                public ClusterStatus status() {
                    return new ClusterStatus(true, CalicoApiMode.APISERVER, "v3.32.1", 8, 40, false, false, true);
                }

                @Override
                public ClusterSnapshot snapshot() {
                    return new ClusterSnapshot(Instant.EPOCH, false, Map.of());
                }

                @Override
                public Manifests decoded() {
                    return ManifestReader.fromMaps("cluster", List.of());
                }
            };
        }
    }

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
    @WithMockUser(roles = "VIEWER")
    void anySignedInUserSeesTheConnectionState() throws Exception {
        mvc.perform(get("/api/v1/cluster"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.connected").value(true))
                .andExpect(jsonPath("$.calicoApiMode").value("apiserver"))
                .andExpect(jsonPath("$.calicoVersion").value("v3.32.1"))
                .andExpect(jsonPath("$.namespaces").value(8))
                .andExpect(jsonPath("$.pods").value(40))
                .andExpect(jsonPath("$.stale").value(false))
                .andExpect(jsonPath("$.readOnly").value(false));
    }

    @Test
    void anonymousCallersAreTurnedAway() throws Exception {
        mvc.perform(get("/api/v1/cluster")).andExpect(status().isUnauthorized());
    }
}
