package dev.tierdeck.cluster.web;

import static dev.tierdeck.system.TestUsers.admin;
import static dev.tierdeck.system.TestUsers.alice;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.cluster.CalicoApiMode;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ClusterSnapshot;
import dev.tierdeck.cluster.ClusterStatus;
import dev.tierdeck.engine.manifest.Manifests;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.servlet.MockMvc;

/** The layout shows the cluster banner on every full page, and only when something is wrong. */
@SpringBootTest
@AutoConfigureMockMvc
class BannerOnEveryPageTest {

    static final ClusterStatus HEALTHY =
            new ClusterStatus(true, CalicoApiMode.APISERVER, "v3.32.1", 8, 40, false, false, true);

    @Autowired
    MockMvc mvc;

    @Autowired
    AtomicReference<ClusterStatus> reported;

    @AfterEach
    void recover() {
        reported.set(HEALTHY);
    }

    @Test
    void noBannerWhenAllIsWell() throws Exception {
        mvc.perform(get("/").with(alice()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("cluster-banner"))));
    }

    @Test
    void bannerSaysWhenCalicosApiIsMissing() throws Exception {
        reported.set(new ClusterStatus(true, CalicoApiMode.MISSING, "unknown", 8, 40, false, false, false));
        mvc.perform(get("/").with(alice()))
                .andExpect(content()
                        .string(allOf(
                                containsString("class=\"cluster-banner\""),
                                containsString("projectcalico.org/v3 API (neither the Calico API server"),
                                not(containsString("read-only")))));
    }

    @Test
    void bannerAnnouncesReadOnlyMode() throws Exception {
        reported.set(new ClusterStatus(false, CalicoApiMode.APISERVER, "v3.32.1", 8, 40, true, true, false));
        mvc.perform(get("/").with(alice()))
                .andExpect(content()
                        .string(allOf(
                                containsString("class=\"cluster-banner\""),
                                containsString("Tierdeck is read-only until it recovers"),
                                not(containsString("out of date")))));
    }

    @Test
    void bannerWarnsAboutStaleDataOnOtherPagesToo() throws Exception {
        reported.set(new ClusterStatus(false, CalicoApiMode.CRD, "v3.32.1", 8, 40, true, false, false));
        mvc.perform(get("/admin/tiers").with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("may be out of date")));
    }

    @TestConfiguration
    static class ReportedStatus {

        @Bean
        AtomicReference<ClusterStatus> reportedStatus() {
            return new AtomicReference<>(HEALTHY);
        }

        /** The real watch cache for everything but the status, which the test sets. */
        @Bean
        @Primary
        ClusterReader reportingReader(
                @Qualifier("clusterCache") ClusterReader cache, AtomicReference<ClusterStatus> reportedStatus) {
            return new ClusterReader() {
                @Override
                public ClusterStatus status() {
                    return reportedStatus.get();
                }

                @Override
                public ClusterSnapshot snapshot() {
                    return cache.snapshot();
                }

                @Override
                public Manifests decoded() {
                    return cache.decoded();
                }
            };
        }
    }
}
