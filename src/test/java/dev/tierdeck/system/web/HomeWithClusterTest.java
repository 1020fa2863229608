package dev.tierdeck.system.web;

import static dev.tierdeck.system.TestUsers.admin;
import static dev.tierdeck.system.TestUsers.alice;
import static dev.tierdeck.system.TestUsers.viewer;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import dev.tierdeck.system.ClusterOverview;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.servlet.MockMvc;

/** The home pages once a module reports the cluster connection. */
@SpringBootTest
@AutoConfigureMockMvc
class HomeWithClusterTest {

    @Autowired
    MockMvc mvc;

    @Test
    void adminsSeeTheConnectionWithItsApiServer() throws Exception {
        mvc.perform(get("/").with(admin()))
                .andExpect(content()
                        .string(allOf(
                                containsString("status-down"),
                                containsString("Not reachable"),
                                containsString("<dd>kubeconfig</dd>"),
                                containsString("<code>https://10.0.0.1:6443</code>"),
                                containsString("connection refused"))));
    }

    @Test
    void viewersSeeTheConnectionButNotTheApiServer() throws Exception {
        mvc.perform(get("/").with(viewer()))
                .andExpect(content()
                        .string(allOf(
                                containsString("Not reachable"),
                                containsString("<dd>kubeconfig</dd>"),
                                not(containsString("10.0.0.1")))));
    }

    @Test
    void developersHomeIsAboutTheirNamespaces() throws Exception {
        mvc.perform(get("/").with(alice())).andExpect(content().string(not(containsString("Cluster connection"))));
    }

    @TestConfiguration
    static class Cluster {
        @Bean
        @Primary // over the cluster module's own overview of the demo cluster
        ClusterOverview clusterOverview() {
            return () ->
                    new ClusterOverview.Connection("kubeconfig", "https://10.0.0.1:6443", false, "connection refused");
        }
    }
}
