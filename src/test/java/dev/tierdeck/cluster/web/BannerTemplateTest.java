package dev.tierdeck.cluster.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.cluster.CalicoApiMode;
import dev.tierdeck.cluster.ClusterStatus;
import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.StringTemplateResolver;

class BannerTemplateTest {

    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    BannerTemplateTest() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setCheckExistence(true);
        resolver.setOrder(1);
        StringTemplateResolver page = new StringTemplateResolver();
        page.setOrder(2);
        engine.addTemplateResolver(resolver);
        engine.addTemplateResolver(page);
    }

    private String render(@org.jspecify.annotations.Nullable ClusterStatus status) {
        Context context = new Context();
        context.setVariable("clusterStatus", status);
        // as the layout includes it
        return engine.process("<div th:replace=\"~{cluster/banner :: banner(${clusterStatus})}\"></div>", context);
    }

    @Test
    void showsNothingWhenAllIsWell() {
        assertThat(render(new ClusterStatus(true, CalicoApiMode.APISERVER, "v3.32.1", 8, 40, false, false, true)))
                .isBlank();
    }

    @Test
    void announcesReadOnlyMode() {
        String html = render(new ClusterStatus(false, CalicoApiMode.APISERVER, "v3.32.1", 8, 40, true, true, false));
        assertThat(html).contains("read-only").doesNotContain("out of date");
    }

    @Test
    void saysSoWhenTheCalicoApiIsMissing() {
        String html = render(new ClusterStatus(true, CalicoApiMode.MISSING, "unknown", 3, 10, false, false, false));
        assertThat(html).contains("does not serve Calico's projectcalico.org/v3 API");
    }

    @Test
    void rendersNothingWithoutAStatus() {
        assertThat(render(null)).isBlank();
    }

    @Test
    void saysTheClusterIsStillLoadingInsteadOfStaleOrMissing() {
        // while loading, the cache is stale and the Calico API is not detected yet: only loading is said
        String html = render(new ClusterStatus(
                false,
                CalicoApiMode.MISSING,
                "unknown",
                0,
                0,
                true,
                false,
                true,
                new dev.tierdeck.cluster.ClusterLoading(
                        dev.tierdeck.cluster.ClusterLoading.Phase.SEEDING, 12_000, 66_003, null)));
        assertThat(html)
                .contains("still loading the cluster")
                .contains("seeding the demo cluster: 12,000 of 66,003 objects")
                .doesNotContain("out of date")
                .doesNotContain("does not serve Calico");
    }

    @Test
    void warnsAboutStaleData() {
        String html = render(new ClusterStatus(false, CalicoApiMode.CRD, "v3.32.1", 3, 10, true, false, false));
        assertThat(html).contains("out of date");
    }
}
